using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;

namespace LoadOps.Core.Evaluation;

/// <summary>The one line a reviewer reads first, e.g. "p95 of buy/add-to-cart went from 212ms to 268ms (+26%, significant): regression".</summary>
internal static class RunHeadline
{
    public static string For(RunVerdict verdict, IReadOnlyList<ThresholdOutcome> thresholds, RegressionReport? regression, IReadOnlyList<string> reservations)
    {
        switch (verdict)
        {
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
            case RunVerdict.Inconclusive:
                if (reservations.Count > 0)
                    return $"Not trustworthy ({reservations[0]}); {Passed(thresholds)}: inconclusive";
                var undecided = regression!.Comparisons.Count(c => c.Verdict == Verdict.Inconclusive);
                var more = regression.Comparisons.Select(c => c.MoreRunsNeeded).Where(n => n is not null).DefaultIfEmpty(null).Max();
                var hint = regression.BaselineRuns < 3
                    ? $"only {regression.BaselineRuns} baseline run{(regression.BaselineRuns == 1 ? "" : "s")}"
                    : $"{undecided} metric{(undecided == 1 ? "" : "s")} within the noise";
                return $"{Passed(thresholds)}; baseline cannot decide yet ({hint}{(more is null ? "" : $", about {more} more runs needed")}): inconclusive";
            default:
                return regression is null
                    ? $"{Passed(thresholds)}: passing"
                    : $"{Passed(thresholds)}; no regression against {regression.BaselineRuns} baseline runs: passing";
        }
    }

    private static string Passed(IReadOnlyList<ThresholdOutcome> thresholds) =>
        thresholds.Count == 0 ? "no thresholds set" : $"all {thresholds.Count} thresholds passed";

    private static string Change(MetricComparison comparison)
    {
        var test = comparison.Test;
        var name = comparison.Metric.Name();
        var scope = comparison.Step is null ? "the run" : comparison.Scope;
        var delta = (test.RelativeChange * 100).ToString("+0;-0;0", CultureInfo.InvariantCulture);
        return $"{name} of {scope} went from {ThresholdExpression.ValueText(comparison.Metric, test.BaselineValue)} to " +
            $"{ThresholdExpression.ValueText(comparison.Metric, test.CandidateValue)} ({delta}%, significant)";
    }
}
