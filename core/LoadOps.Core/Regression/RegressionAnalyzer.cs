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
    public static RegressionReport Analyze(ResultSummary candidate, IReadOnlyList<ResultSummary> baseline, RegressionOptions options) =>
        Analyze([candidate], baseline, options);

    /// <summary>
    /// As above with the candidate measured by several runs of the same code (the PR run repeated): their mean is
    /// compared (<see cref="BaselineTest.Compare(Metric, IReadOnlyList{double}, IReadOnlyList{double}, IReadOnlyList{double}, RegressionOptions)"/>).
    /// The first candidate names the run; any untrustworthy candidate makes every verdict inconclusive.
    /// </summary>
    public static RegressionReport Analyze(IReadOnlyList<ResultSummary> candidates, IReadOnlyList<ResultSummary> baseline, RegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
            throw new ArgumentException("At least one candidate run is needed.", nameof(candidates));
        var candidate = candidates[0];
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
                if (pick(candidate) is not { } mine || mine.Value(metric) is null)
                    continue;
                var values = candidates.Select(pick).Select(s => s?.Value(metric)).OfType<double>().ToList();
                var history = usable.Select(pick).Select(s => s?.Value(metric)).OfType<double>().ToList();
                tests.Add((scenario, step, metric, BaselineTest.Compare(metric, history, values, mine.IntervalValues(metric), options)));
            }
        }

        var tested = tests.Select((t, i) => (t, i)).Where(x => x.t.Test.BaselineRuns >= options.MinimumBaselineRuns).ToList();
        var adjusted = HolmCorrection.Adjust([.. tested.Select(x => x.t.Test.PValue)]);
        var adjustedByIndex = tested.Select((x, k) => (x.i, adjusted[k])).ToDictionary(x => x.i, x => x.Item2);
        var comparisons = tests.Select((t, i) => Judge(t.Scenario, t.Step, t.Metric, t.Test, adjustedByIndex.GetValueOrDefault(i, 1), Math.Max(1, tested.Count), options)).ToList();

        if (candidates.FirstOrDefault(c => !c.IsTrustworthy) is { } doubtful)
        {
            var why = doubtful.Status != ResultStatus.Complete
                ? $"the candidate run{(candidates.Count > 1 ? " " + doubtful.RunId : "")} is {doubtful.Status.ToString().ToLowerInvariant()}"
                : $"the candidate run{(candidates.Count > 1 ? " " + doubtful.RunId : "")} is untrustworthy: " + string.Join("; ", doubtful.TrustIssues.Select(i => i.Message));
            notes.Add(why + "; no verdict can be clean.");
            comparisons = [.. comparisons.Select(c => c with { Verdict = Verdict.Inconclusive, Reason = $"{why} (would have been: {c.Verdict.ToString().ToLowerInvariant()}). {c.Reason}" })];
        }
        if (candidates.Count > 1)
            notes.Add($"the candidate is the mean of {candidates.Count} runs: {string.Join(", ", candidates.Select(c => c.RunId))}.");
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

        var alpha = options.Alpha / testCount;
        var detectable = BaselineTest.DetectableChange(metric, test, alpha, options);
        if (Math.Abs(test.RelativeChange) <= options.Tolerance)
            return Within(test, metric, change, options, Make) with { DetectableChange = detectable };

        var worse = metric.HigherIsWorse() ? test.RelativeChange > 0 : test.RelativeChange < 0;
        var p = adjusted.ToString("0.####", CultureInfo.InvariantCulture);
        if (adjusted < options.Alpha)
            return Make(worse ? Verdict.Regression : Verdict.Improvement, $"{change} ({(worse ? "worse" : "better")}), significant (p = {p} after Holm).") with { DetectableChange = detectable };

        var baselineRuns = BaselineTest.RunsNeeded(test, alpha);
        var candidateRuns = BaselineTest.CandidateRunsNeeded(test, alpha);
        var advice = Advice(test, baselineRuns, candidateRuns, "decide it");
        return Make(Verdict.Inconclusive, $"{change} is beyond the tolerance but within run-to-run noise (±{Noise(metric, test)}, p = {p} after Holm); {advice}.")
            with { MoreRunsNeeded = Fewest(test, baselineRuns, candidateRuns), MoreCandidateRunsNeeded = candidateRuns - test.CandidateRuns, DetectableChange = detectable };
    }

    /// <summary>
    /// A change within the tolerance passes only when the noise rules out one beyond it in the worse direction
    /// (<see cref="RegressionOptions.PassConfidence"/>); otherwise a true regression could be hiding, and silence would be a false pass.
    /// </summary>
    private static MetricComparison Within(MetricTest test, Metric metric, string change, RegressionOptions options,
        Func<Verdict, string, MetricComparison> make)
    {
        var tolerance = Percent(options.Tolerance, signed: false);
        var worst = BaselineTest.WorstPlausibleChange(metric, test, options.PassConfidence, options);
        if (!(worst > options.Tolerance))
            return make(Verdict.Pass, $"{change}, within the {tolerance} tolerance.");

        var candidateRuns = BaselineTest.CandidateRunsToRuleOut(metric, test, options.PassConfidence, options.Tolerance, options);
        var confidence = Percent(options.PassConfidence, signed: false);
        var advice = candidateRuns is { } runs
            ? $"repeating the run about {runs - test.CandidateRuns} more time(s) and comparing the mean would likely settle it"
            : $"more runs alone would hardly settle it: the noise is large for a {tolerance} tolerance; make the runs steadier or longer, or widen the tolerance";
        return make(Verdict.Inconclusive, $"{change}, within the {tolerance} tolerance, but run-to-run noise (±{Noise(metric, test)}) cannot rule out " +
            $"{Percent(worst, signed: false)} worse ({confidence} confidence); {advice}.")
            with { MoreRunsNeeded = candidateRuns - test.CandidateRuns, MoreCandidateRunsNeeded = candidateRuns - test.CandidateRuns };
    }

    private static string Advice(MetricTest test, int? baselineRuns, int? candidateRuns, string what)
    {
        var parts = new List<string>();
        if (candidateRuns is { } c)
            parts.Add($"repeating the run about {c - test.CandidateRuns} more time(s)");
        if (baselineRuns is { } b)
            parts.Add($"about {b - test.BaselineRuns} more baseline run(s)");
        return parts.Count == 0
            ? "more runs alone would not decide it: make the runs steadier or longer"
            : $"{string.Join(" or ", parts)} would likely {what}";
    }

    private static int? Fewest(MetricTest test, int? baselineRuns, int? candidateRuns) =>
        new[] { baselineRuns - test.BaselineRuns, candidateRuns - test.CandidateRuns }.Where(n => n is not null).Min();

    private static string Noise(Metric metric, MetricTest test) =>
        BaselineTest.IsRelative(metric) ? Percent(test.Noise, signed: false) : Percent(test.Noise, signed: false) + " points";

    private static string Percent(double fraction, bool signed) =>
        (fraction * 100).ToString(signed ? "+0.#;-0.#;0" : "0.#", CultureInfo.InvariantCulture) + "%";
}
