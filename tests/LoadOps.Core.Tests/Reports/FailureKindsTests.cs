using LoadOps.Core.Evaluation;
using LoadOps.Core.Reports;
using LoadOps.Core.Results;
using LoadOps.Core.Tests.Evaluation;
using LoadOps.Core.Tests.Results;

namespace LoadOps.Core.Tests.Reports;

/// <summary>Reports show what went wrong per step: the error kinds the runner recorded, the refused codes, a masked sample.</summary>
public sealed class FailureKindsTests
{
    private static OutcomeTotals Outcomes() => new(
        new Dictionary<string, long> { ["200"] = 900, ["404"] = 1, ["503"] = 40 },
        new Dictionary<string, long> { [ErrorKinds.Status] = 41, [ErrorKinds.Refused] = 59, [ErrorKinds.Check("body.contains")] = 0 },
        new Dictionary<string, string> { [ErrorKinds.Refused] = "connection refused (127.0.0.1:1)", [ErrorKinds.Status] = "status 503" });

    [Fact]
    public void Kinds_are_listed_most_frequent_first_with_their_sample_and_empty_kinds_left_out()
    {
        var rows = FailureKinds.Of(Outcomes());

        Assert.Equal(2, rows.Count);
        Assert.Equal(new ErrorKindRow(ErrorKinds.Refused, 59, "connection refused (127.0.0.1:1)"), rows[0]);
        Assert.Equal(41, rows[1].Count);
        Assert.Equal("status 503", rows[1].Sample);
    }

    [Fact]
    public void A_refused_status_names_the_refused_codes_not_the_accepted_ones()
    {
        var status = FailureKinds.Of(Outcomes()).Single(r => r.Kind.StartsWith(ErrorKinds.Status, StringComparison.Ordinal));

        Assert.Equal("status (HTTP 503 ×40, 404 ×1)", status.Kind);
    }

    [Fact]
    public void The_report_model_carries_the_kinds_of_a_real_merged_result()
    {
        // The bug this pins: reports said "errors 49.7%" while the cause (refused, which check) was only in runner.log.
        var shard = ResultFiles.Shard("s1", "local", new Dictionary<(string Step, int Interval), List<long>> { [("pay", 0)] = [1000, 2000] });
        var interval = shard.Steps[0].Intervals[0] with
        {
            Failed = new FailureCounts(Status: 3, Connect: 2),
            StatusCodes = new Dictionary<string, long> { ["200"] = 2, ["503"] = 3 },
            Errors = new Dictionary<string, long> { [ErrorKinds.Status] = 3, [ErrorKinds.Refused] = 2 },
            ErrorSamples = new Dictionary<string, string> { [ErrorKinds.Refused] = "connection refused" },
        };
        var run = shard with { Steps = [shard.Steps[0] with { Intervals = [interval] }] };
        var summary = ResultSummarizer.Summarize(run);
        var evaluation = RunEvaluator.Evaluate(run, summary, EvaluatedRuns.Definition(null), []);

        var model = ReportModelBuilder.Build(run, summary, evaluation);

        var kinds = Assert.Single(model.Failures).Kinds;
        Assert.Equal(["status (HTTP 503 ×3)", ErrorKinds.Refused], kinds.Select(k => k.Kind));
        var markdown = ReportSnapshotTests.Render(model, ReportFormat.Markdown);
        Assert.Contains("↳ status (HTTP 503 ×3)", markdown, StringComparison.Ordinal);
        Assert.Contains("connection refused", markdown, StringComparison.Ordinal);
    }
}
