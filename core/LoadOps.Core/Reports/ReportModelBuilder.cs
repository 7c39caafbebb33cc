using LoadOps.Core.Definitions;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Regression;
using LoadOps.Core.Results;

namespace LoadOps.Core.Reports;

/// <summary>Turns a merged run and its evaluation into the <see cref="ReportModel"/> every format renders.</summary>
public static class ReportModelBuilder
{
    public static ReportModel Build(ResultFile run, ResultSummary summary, RunEvaluation evaluation, int? pullRequest = null, ReportLinks? links = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(evaluation);
        var comparisons = evaluation.Regression?.Comparisons ?? [];
        var undecided = comparisons.Where(c => c.Verdict == Verdict.Inconclusive).ToList();
        return new ReportModel
        {
            RunId = run.RunId,
            TestName = run.Definition,
            Commit = run.Commit,
            Branch = run.Branch,
            PullRequest = pullRequest,
            Start = run.Start,
            End = run.End,
            Verdict = Map(evaluation.Verdict),
            Headline = evaluation.Headline,
            TrustWarnings = TrustWarnings(run, summary).ToList(),
            Requests = new RequestCounts(summary.Overall.Totals.Total, summary.Overall.Totals.Failed.Total, summary.Overall.Totals.Dropped,
                summary.Overall.Totals.Scheduled, FailureText.Of(summary.Overall.Totals.Failed)),
            Failures = [.. summary.Steps.Where(s => s.Location is null && s.Metrics.Totals.Failed.Total > 0)
                .Select(s => new StepFailures($"{s.Scenario}/{s.Step}", s.Metrics.Totals.Total, s.Metrics.Totals.Failed.Total, FailureText.Of(s.Metrics.Totals.Failed))
                {
                    Kinds = FailureKinds.Of(s.Metrics.Outcomes),
                })],
            Repeats = [.. evaluation.Repeats.Select(r => new RepeatRow(r.Look, r.RunId, Map(r.VerdictAfter), r.HeadlineAfter))],
            BaselineLevel = evaluation.BaselineLevel,
            SettingNotes = RunSettingNotes.Of(run.Settings),
            Metrics = comparisons.Select(Row).ToList(),
            Thresholds = evaluation.Thresholds.Select(t => new ThresholdOutcome(t.Threshold.Text, t.Threshold.Expression.Metric, t.Actual, t.Limit, t.Passed)
            {
                Step = t.Threshold.Step,
            }).ToList(),
            Intervals = summary.Overall.Intervals.Select(Point).ToList(),
            History = [.. evaluation.Baseline.Where(b => b.P95 is not null).Select(b => new HistoryPoint(b.RunId, b.Commit, b.P95!.Value)),
                .. summary.Overall.Value(Metric.P95) is { } p95 ? [new HistoryPoint(run.RunId, run.Commit, p95, IsCurrent: true)] : Array.Empty<HistoryPoint>()],
            Locations = ResultSummarizer.SummarizeLocations(run).Select(l => new LocationRow(
                l.Location, l.Metrics.Totals.Total, l.Metrics.Value(Metric.Rps) ?? 0, l.Metrics.Value(Metric.P95) ?? 0, l.Metrics.Totals.Failed.Total)).ToList(),
            Links = links ?? new ReportLinks(),
            Inconclusive = undecided.Count == 0 ? null : new InconclusiveNote(
                undecided.Select(c => $"{c.Metric.Name()} of {c.Scope}").ToList(),
                undecided.Select(c => c.MoreRunsNeeded ?? 0).DefaultIfEmpty(0).Max()),
        };
    }

    private static IEnumerable<TrustWarning> TrustWarnings(ResultFile run, ResultSummary summary)
    {
        if (TrustCheck.Dropped(summary.Overall.Totals) is { } dropped)
            yield return new TrustWarning(TrustWarningKind.Dropped, char.ToUpperInvariant(dropped[0]) + dropped[1..] + ".");
        if (run.Status == ResultStatus.Incomplete)
            yield return new TrustWarning(TrustWarningKind.Incomplete, "Some shards never reported; the numbers cover the shards that did.");
        if (run.Status == ResultStatus.Partial)
            yield return new TrustWarning(TrustWarningKind.Partial, "The run stopped before its schedule ended; the numbers cover what ran.");
        if (run.Approximation is { } approximation)
            yield return new TrustWarning(TrustWarningKind.Approximate, approximation);
        foreach (var issue in run.TrustIssues)
            yield return new TrustWarning(TrustWarningKind.UntrustworthyShard, issue.Message, issue.ShardId);
    }

    private static MetricRow Row(MetricComparison comparison) =>
        new(comparison.Scope, comparison.Metric, comparison.Test.BaselineValue, comparison.Test.CandidateValue,
            comparison.Test.RelativeChange * 100, Significance(comparison), Map(comparison.Verdict))
        {
            // The template shows the p-value beside the significance; an inconclusive reason already states its own,
            // and without baseline runs there was no test at all.
            PValue = comparison.Verdict != Verdict.Inconclusive && comparison.Test.BaselineRuns > 0 && double.IsFinite(comparison.AdjustedPValue)
                ? comparison.AdjustedPValue
                : null,
        };

    private static string Significance(MetricComparison comparison) => comparison.Verdict switch
    {
        Verdict.Regression or Verdict.Improvement => "significant",
        Verdict.Inconclusive => comparison.Reason,
        // Infinite (a t-quantile past what a double holds) is "no change under 1000%" too; NaN is no statement.
        _ => !double.IsNaN(comparison.DetectableChange)
            ? $"within tolerance; {(comparison.Test.InPoints ? $"could detect ≥ {ValueText.Points(comparison.DetectableChange)}" : MetricJudge.CouldDetect(comparison.Test, comparison.DetectableChange))}"
            : "within tolerance",
    };

    private static IntervalPoint Point(IntervalMetrics interval) => new(
        interval.Start,
        interval.Values.TryGetValue(Metric.P50, out var p50) ? p50 : null,
        interval.Values.TryGetValue(Metric.P95, out var p95) ? p95 : null,
        interval.Values.TryGetValue(Metric.P99, out var p99) ? p99 : null,
        interval.Values.GetValueOrDefault(Metric.Rps),
        new ErrorCounts(interval.Totals.Failed.Status, interval.Totals.Failed.Timeout, interval.Totals.Failed.Connect,
            interval.Totals.Failed.Check, interval.Totals.Failed.Other));

    private static ReportVerdict Map(RunVerdict verdict) => verdict switch
    {
        RunVerdict.Fail => ReportVerdict.Fail,
        RunVerdict.Regression => ReportVerdict.Regression,
        RunVerdict.Improvement => ReportVerdict.Improvement,
        RunVerdict.Inconclusive => ReportVerdict.Inconclusive,
        _ => ReportVerdict.Pass,
    };

    private static ReportVerdict Map(Verdict verdict) => verdict switch
    {
        Verdict.Regression => ReportVerdict.Regression,
        Verdict.Improvement => ReportVerdict.Improvement,
        Verdict.Inconclusive => ReportVerdict.Inconclusive,
        _ => ReportVerdict.Pass,
    };
}
