using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Results;

namespace LoadOps.Core.Regression;

/// <summary>
/// Compares a candidate run with baseline runs, per metric, for the whole run and per step (see
/// <see cref="BaselineTest"/> for the statistics). A change counts only when it is BOTH beyond the tolerance AND
/// significant after Holm's correction over all metrics × steps. Baseline runs that were partial or untrustworthy
/// are left out; an untrustworthy or partial candidate can never pass (every verdict becomes inconclusive).
/// </summary>
public static class RegressionAnalyzer
{
    public static RegressionReport Analyze(ResultSummary candidate, IReadOnlyList<ResultSummary> baseline, RegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(options);
        var notes = new List<string>();
        var usable = baseline.Where(b => b.IsTrustworthy).ToList();
        if (usable.Count < baseline.Count)
            notes.Add($"{baseline.Count - usable.Count} baseline run(s) left out as partial or untrustworthy: " +
                string.Join(", ", baseline.Where(b => !b.IsTrustworthy).Select(b => b.RunId)) + ".");

        var scopes = new List<(string? Scenario, string? Step, Func<ResultSummary, MetricSummary?> Pick)> { (null, null, s => s.Overall) };
        foreach (var step in candidate.Steps.Where(s => s.Location is null))
            scopes.Add((step.Scenario, step.Step, s => s.Step(step.Scenario, step.Step)?.Metrics));

        var tests = new List<(string? Scenario, string? Step, Metric Metric, MetricTest Test)>();
        foreach (var (scenario, step, pick) in scopes)
        {
            foreach (var metric in options.Metrics.Where(m => step is null || m != Metric.Dropped))
            {
                if (pick(candidate) is not { } mine || mine.Value(metric) is not { } value)
                    continue;
                var history = usable.Select(pick).Select(s => s?.Value(metric)).OfType<double>().ToList();
                tests.Add((scenario, step, metric, BaselineTest.Compare(metric, history, value, mine.IntervalValues(metric), options)));
            }
        }

        var tested = tests.Select((t, i) => (t, i)).Where(x => x.t.Test.BaselineRuns >= options.MinimumBaselineRuns).ToList();
        var adjusted = HolmCorrection.Adjust([.. tested.Select(x => x.t.Test.PValue)]);
        var adjustedByIndex = tested.Select((x, k) => (x.i, adjusted[k])).ToDictionary(x => x.i, x => x.Item2);
        var comparisons = tests.Select((t, i) => Judge(t.Scenario, t.Step, t.Metric, t.Test, adjustedByIndex.GetValueOrDefault(i, 1), Math.Max(1, tested.Count), options)).ToList();

        if (!candidate.IsTrustworthy)
        {
            var why = candidate.Status != ResultStatus.Complete
                ? $"the candidate run is {candidate.Status.ToString().ToLowerInvariant()}"
                : "the candidate run is untrustworthy: " + string.Join("; ", candidate.TrustIssues.Select(i => i.Message));
            notes.Add(why + "; no verdict can be clean.");
            comparisons = [.. comparisons.Select(c => c with { Verdict = Verdict.Inconclusive, Reason = $"{why} (would have been: {c.Verdict.ToString().ToLowerInvariant()}). {c.Reason}" })];
        }
        if (tests.Count == 0)
            notes.Add("nothing to compare: the candidate has no data for the chosen metrics.");

        var verdict = comparisons.Count == 0 ? Verdict.Inconclusive
            : comparisons.Any(c => c.Verdict == Verdict.Regression) ? Verdict.Regression
            : comparisons.Any(c => c.Verdict == Verdict.Inconclusive) ? Verdict.Inconclusive
            : comparisons.Any(c => c.Verdict == Verdict.Improvement) ? Verdict.Improvement
            : Verdict.Pass;
        return new RegressionReport(verdict, usable.Count, comparisons, notes);
    }

    private static MetricComparison Judge(string? scenario, string? step, Metric metric, MetricTest test, double adjusted, int testCount, RegressionOptions options)
    {
        var change = Percent(test.RelativeChange, signed: true);
        MetricComparison Make(Verdict verdict, string reason) => new(scenario, step, metric, test, adjusted, verdict, reason);

        if (test.BaselineRuns < options.MinimumBaselineRuns)
            return Make(Verdict.Inconclusive, $"only {test.BaselineRuns} baseline run(s) have {metric.Name()} here; at least {options.MinimumBaselineRuns} are needed to know the run-to-run noise.")
                with { MoreRunsNeeded = options.MinimumBaselineRuns - test.BaselineRuns };

        var detectable = BaselineTest.DetectableChange(metric, test, options.Alpha / testCount, options);
        if (Math.Abs(test.RelativeChange) <= options.Tolerance)
            return Make(Verdict.Pass, $"{change}, within the {Percent(options.Tolerance, signed: false)} tolerance.") with { DetectableChange = detectable };

        var worse = metric.HigherIsWorse() ? test.RelativeChange > 0 : test.RelativeChange < 0;
        var p = adjusted.ToString("0.####", CultureInfo.InvariantCulture);
        if (adjusted < options.Alpha)
            return Make(worse ? Verdict.Regression : Verdict.Improvement, $"{change} ({(worse ? "worse" : "better")}), significant (p = {p} after Holm).") with { DetectableChange = detectable };

        var needed = BaselineTest.RunsNeeded(test, options.Alpha / testCount);
        var noise = BaselineTest.IsRelative(metric) ? Percent(test.Noise, signed: false) : Percent(test.Noise, signed: false) + " points";
        var advice = needed is { } runs
            ? $"about {runs - test.BaselineRuns} more baseline run(s) would likely decide it"
            : "more baseline runs alone would not decide it: make the runs steadier or longer";
        return Make(Verdict.Inconclusive, $"{change} is beyond the tolerance but within run-to-run noise (±{noise}, p = {p} after Holm); {advice}.")
            with { MoreRunsNeeded = needed - test.BaselineRuns, DetectableChange = detectable };
    }

    private static string Percent(double fraction, bool signed) =>
        (fraction * 100).ToString(signed ? "+0.#;-0.#;0" : "0.#", CultureInfo.InvariantCulture) + "%";
}
