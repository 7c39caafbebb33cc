using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;
using LoadOps.Core.Results;

namespace LoadOps.Core.Evaluation;

/// <summary>The one line a reviewer reads first, e.g. "p95 of buy/add-to-cart went from 212ms to 268ms (+26%, significant): regression".</summary>
internal static class RunHeadline
{
    public static string For(RunVerdict verdict, ResultSummary summary, IReadOnlyList<ThresholdOutcome> thresholds, RegressionReport? regression, IReadOnlyList<string> reservations)
    {
        var totals = summary.Overall.Totals;
        switch (verdict)
        {
            case RunVerdict.Inconclusive when reservations.Count > 0:
                return $"Inconclusive (untrustworthy): {reservations[0]}{(reservations.Count > 1 ? $" (and {reservations.Count - 1} more)" : "")}";
            case RunVerdict.Fail when RunEvaluator.EveryRequestFailed(summary):
                return $"Every request failed: {FailureText.Summary(totals)}: failing";
            case RunVerdict.Fail:
                var failed = thresholds.Where(t => !t.Passed).ToList();
                var first = failed[0];
                var actual = first.Actual is { } value ? ThresholdExpression.ValueText(first.Threshold.Expression.Metric, value) : "no data";
                var scope = first.Threshold.Step is null ? "" : $" on {first.Threshold.Step}";
                return $"{failed.Count} of {thresholds.Count} thresholds failed: {first.Threshold.Text}{scope} (was {actual}): failing";
            case RunVerdict.Regression or RunVerdict.Improvement:
                var change = regression!.Comparisons
                    .Where(c => c.Verdict == (verdict == RunVerdict.Regression ? Verdict.Regression : Verdict.Improvement))
                    // The run as a whole speaks for the change first (p95 before other metrics, as reviewers read it);
                    // a single step only when the run did not move.
                    .OrderBy(c => c.Step is null ? 0 : 1).ThenBy(c => c.Metric == Metric.P95 ? 0 : 1)
                    .ThenBy(c => c.AdjustedPValue).ThenByDescending(c => Math.Abs(c.Test.RelativeChange))
                    .First();
                return $"{Change(change)}: {(verdict == RunVerdict.Regression ? "regression" : "improvement")}";
            case RunVerdict.Inconclusive when totals.Total == 0:
                return "No request finished, so nothing was measured: inconclusive";
            case RunVerdict.Inconclusive:
                var more = regression!.Comparisons.Select(c => c.MoreRunsNeeded).Where(n => n is not null).DefaultIfEmpty(null).Max();
                var hint = regression.BaselineRuns < 3
                    ? $"only {regression.BaselineRuns} baseline run{(regression.BaselineRuns == 1 ? "" : "s")}"
                    : $"{regression.Comparisons.Count(c => c.Verdict == Verdict.Inconclusive)} metric(s) not yet decided";
                return $"{Passed(thresholds)}; baseline cannot decide yet ({hint}{(more is null ? "" : $", about {more} more runs needed")}): inconclusive{Failures(totals)}";
            default:
                return regression is null
                    ? $"{Passed(thresholds)}: passing{Failures(totals)}"
                    : $"{Passed(thresholds)}; no regression against {regression.BaselineRuns} baseline runs{Detectable(regression)}: passing{Failures(totals)}";
        }
    }

    private static string Passed(IReadOnlyList<ThresholdOutcome> thresholds) =>
        thresholds.Count == 0 ? "no thresholds set" : $"all {thresholds.Count} thresholds passed";

    /// <summary>A pass with failed requests says so: a reviewer must not read it as a run without errors.</summary>
    private static string Failures(RequestTotals totals) =>
        totals.Failed.Total == 0 ? "" : $" ({FailureText.Summary(totals)})";

    /// <summary>The run's latency line (p95 when compared, else the first latency metric): how large a slowdown this pass could have caught.</summary>
    private static string Detectable(RegressionReport regression) =>
        regression.Comparisons
            .Where(c => c.Step is null && c.Metric.Unit() == MetricUnit.Microseconds && !double.IsNaN(c.DetectableChange))
            .OrderBy(c => c.Metric == Metric.P95 ? 0 : 1).FirstOrDefault() is { } latency
            ? $" ({latency.Metric.Name()}: {MetricJudge.CouldDetect(latency.Test, latency.DetectableChange)})"
            : "";

    private static string Change(MetricComparison comparison)
    {
        var test = comparison.Test;
        var name = comparison.Metric.Name();
        var scope = comparison.Step is null ? "the run" : comparison.Scope;
        var delta = test.InPoints
            ? MetricJudge.Points(test.RelativeChange, signed: true)
            : (test.RelativeChange * 100).ToString("+0;-0;0", CultureInfo.InvariantCulture) + "%";
        return $"{name} of {scope} went from {ThresholdExpression.ValueText(comparison.Metric, test.BaselineValue)} to " +
            $"{ThresholdExpression.ValueText(comparison.Metric, test.CandidateValue)} ({delta}, significant)";
    }
}
