using LoadOps.Core.Definitions;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Reports;
using LoadOps.Core.Results;
using LoadOps.Core.Tests.Evaluation;

namespace LoadOps.Core.Tests.Reports;

public sealed class ReportModelBuilderTests
{
    [Fact]
    public void Maps_verdict_rows_history_and_locations()
    {
        var baseline = Enumerable.Range(0, 5).Select(i => EvaluatedRuns.Run($"2026112{i}T000000Z-b", 100, seed: i + 1)).ToList();
        var (run, summary) = EvaluatedRuns.Run("20261123T120000Z-c", 160, seed: 42, location: "azure/westeurope");
        var evaluation = RunEvaluator.Evaluate(run, summary, EvaluatedRuns.Definition(new BaselineSpec(), "p95 < 1s"), baseline);

        var model = ReportModelBuilder.Build(run, summary, evaluation, pullRequest: 12);

        Assert.Equal(ReportVerdict.Regression, model.Verdict);
        Assert.Equal(evaluation.Headline, model.Headline);
        Assert.Equal(12, model.PullRequest);
        Assert.Equal(evaluation.Regression!.Comparisons.Count, model.Metrics.Count);
        Assert.Contains(model.Metrics, m => m.Metric == Metric.P95 && m.Verdict == ReportVerdict.Regression && m.DeltaPercent > 30);
        Assert.Equal(6, model.History.Count);
        Assert.True(model.History[^1].IsCurrent);
        Assert.Equal("p95 < 1s", Assert.Single(model.Thresholds).Text);
        var location = Assert.Single(model.Locations);
        Assert.Equal("azure/westeurope", location.Location);
        Assert.Equal(summary.Overall.Totals.Total, location.Requests);
        Assert.Equal(summary.Overall.Value(Metric.P95), location.P95);
        Assert.Equal(summary.Overall.Intervals.Count, model.Intervals.Count);
        Assert.Empty(model.TrustWarnings);
    }

    [Fact]
    public void Insecure_tls_and_command_line_overrides_reach_every_report_that_shows_the_run()
    {
        var (run, summary) = EvaluatedRuns.Run("r", 100, seed: 3);
        run = run with { Settings = new RunSettings { InsecureTls = true, Overrides = new Dictionary<string, string> { ["users"] = "40" } } };
        var evaluation = RunEvaluator.Evaluate(run, summary, EvaluatedRuns.Definition(null, "p95 < 1s"), []);

        var model = ReportModelBuilder.Build(run, summary, evaluation);

        Assert.Equal([RunSettingNotes.InsecureTls, "users 40 set on the command line (not compared with baselines of other settings)"], model.SettingNotes);
        foreach (var format in new[] { ReportFormat.Markdown, ReportFormat.Html, ReportFormat.JUnit })
        {
            var text = ReportSnapshotTests.Render(model, format);
            Assert.Contains("insecureSkipVerify", text, StringComparison.Ordinal);
            Assert.Contains("users 40 set on the command line", text, StringComparison.Ordinal);
        }
        Assert.Contains(ResultDigest.Lines(run, summary), l => l.Contains(RunSettingNotes.InsecureTls, StringComparison.Ordinal));
    }

    [Fact]
    public void A_plain_run_has_no_setting_notes()
    {
        var (run, summary) = EvaluatedRuns.Run("r", 100, seed: 4);
        var evaluation = RunEvaluator.Evaluate(run, summary, EvaluatedRuns.Definition(null, "p95 < 1s"), []);

        var model = ReportModelBuilder.Build(run, summary, evaluation);

        Assert.Empty(model.SettingNotes);
        Assert.DoesNotContain("Settings", ReportSnapshotTests.Render(model, ReportFormat.Markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void Trust_problems_become_warnings_at_the_top()
    {
        var (run, summary) = EvaluatedRuns.Run("r", 100, seed: 7, issue: new TrustIssue("lag", "schedule lag above 100 ms", "r-s000"));
        run = run with { Status = ResultStatus.Incomplete };
        var evaluation = RunEvaluator.Evaluate(run, summary, EvaluatedRuns.Definition(null, "p95 < 1s"), []);

        var model = ReportModelBuilder.Build(run, summary, evaluation);

        Assert.Equal(ReportVerdict.Inconclusive, model.Verdict);
        Assert.Equal([TrustWarningKind.Incomplete, TrustWarningKind.UntrustworthyShard], model.TrustWarnings.Select(w => w.Kind));
        Assert.Equal("r-s000", model.TrustWarnings[1].ShardId);
        Assert.False(model.IsTrustworthy);
    }
}
