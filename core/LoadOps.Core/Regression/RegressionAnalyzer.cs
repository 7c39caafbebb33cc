using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Results;

namespace LoadOps.Core.Regression;

/// <summary>
/// Compares a candidate run with baseline runs, per metric, for the whole run and per step. Latency and rps: a
/// run-level Student-t test on log values (<see cref="BaselineTest"/>); errors and dropped: counts against the
/// baseline's pooled rate (<see cref="CountTest"/>). The decision rule is <see cref="MetricJudge"/>'s: a regression
/// needs evidence (one-sided, Holm over all metrics × steps) AND a change beyond the tolerance; otherwise a pass stating
/// what it could have caught. Baseline runs that were partial or untrustworthy are left out; an untrustworthy or
/// partial candidate can never pass (every verdict becomes inconclusive). A baseline run far from the others' level (a
/// stall) is left out of the latency and rps comparisons it would distort (<see cref="BaselineOutliers"/>), with a note.
/// </summary>
public static class RegressionAnalyzer
{
    public static RegressionReport Analyze(ResultSummary candidate, IReadOnlyList<ResultSummary> baseline, RegressionOptions options) =>
        Analyze([candidate], baseline, options);

    /// <summary>
    /// As above with the candidate measured by several runs of the same code (the PR run repeated): their mean is
    /// compared (pooled counts for errors and dropped). The first candidate names the run; any untrustworthy candidate
    /// makes every verdict inconclusive.
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
        var outliers = new List<(string RunId, string Where)>();
        foreach (var (scenario, step, pick) in scopes)
        {
            foreach (var metric in options.Metrics.Where(m => step is null || m != Metric.Dropped))
            {
                if (pick(candidate) is not { } mine || mine.Value(metric) is null)
                    continue;
                var history = usable.Select(b => (b.RunId, Summary: pick(b))).ToList();
                var test = Test(metric, candidates.Select(pick).ToList(), history, mine, options);
                tests.Add((scenario, step, metric, test.Test));
                outliers.AddRange(test.Outliers.Select(o => (o.RunId, $"{(step is null ? "" : (scenario is null ? step : $"{scenario}/{step}") + " ")}{metric.Name()} ({o.Detail})")));
            }
        }

        foreach (var run in outliers.GroupBy(o => o.RunId))
            notes.Add($"baseline run {run.Key} left out as an outlier for {string.Join(", ", run.Select(o => o.Where))}: far from the level of the other baseline runs (a stall or an error burst during that run?), it would have widened the noise or moved the baseline.");

        var tested = tests.Select((t, i) => (t, i)).Where(x => x.t.Test.BaselineRuns >= options.MinimumBaselineRuns).ToList();
        var worse = Adjusted(tested.Select(x => (x.i, WorseP(x.t.Metric, x.t.Test))));
        var better = Adjusted(tested.Select(x => (x.i, BetterP(x.t.Metric, x.t.Test, options))));
        var comparisons = tests.Select((t, i) => MetricJudge.Judge(t.Scenario, t.Step, t.Metric, t.Test,
            worse.GetValueOrDefault(i, 1), better.GetValueOrDefault(i, 1), Math.Max(1, tested.Count), options)).ToList();

        if (candidates.FirstOrDefault(c => !c.IsTrustworthy) is { } doubtful)
        {
            var why = doubtful.Status != ResultStatus.Complete
                ? $"the candidate run{(candidates.Count > 1 ? " " + doubtful.RunId : "")} is {doubtful.Status.ToString().ToLowerInvariant()}"
                : $"the candidate run{(candidates.Count > 1 ? " " + doubtful.RunId : "")} is untrustworthy: " + string.Join("; ", doubtful.TrustIssues.Select(i => i.Message));
            notes.Add(why + "; no verdict can be clean.");
            comparisons = [.. comparisons.Select(c => c with { Verdict = Verdict.Inconclusive, Settled = true, Reason = $"{why} (would have been: {c.Verdict.ToString().ToLowerInvariant()}). {c.Reason}" })];
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
        var settled = verdict == Verdict.Regression || comparisons.All(c => c.Settled);
        return new RegressionReport(verdict, usable.Count, comparisons, notes) { Settled = settled };
    }

    /// <summary>The test of one metric, with the baseline runs it left out as outliers and how far out each was (for the notes).</summary>
    private static (MetricTest Test, IReadOnlyList<(string RunId, string Detail)> Outliers) Test(Metric metric, IReadOnlyList<MetricSummary?> candidates,
        IReadOnlyList<(string RunId, MetricSummary? Summary)> history, MetricSummary mine, RegressionOptions options)
    {
        if (CountTest.AppliesTo(metric))
            return CountTestWithoutBursts(metric, candidates, history, options);
        var values = candidates.Select(s => s?.Value(metric)).OfType<double>().ToList();
        var earlier = history.Select(h => (h.RunId, Value: h.Summary?.Value(metric))).Where(h => h.Value is not null).ToList();
        var test = BaselineTest.Compare(metric, [.. earlier.Select(h => h.Value!.Value)], values, mine.IntervalValues(metric), options);
        return (test, [.. test.Outliers.Select(i => (earlier[i].RunId, "×" + (earlier[i].Value!.Value / test.BaselineValue).ToString("0.##", CultureInfo.InvariantCulture)))]);
    }

    /// <summary>Errors or dropped as counts, against the baseline without its burst runs (<see cref="CountOutliers"/>).</summary>
    private static (MetricTest Test, IReadOnlyList<(string RunId, string Detail)> Outliers) CountTestWithoutBursts(Metric metric,
        IReadOnlyList<MetricSummary?> candidates, IReadOnlyList<(string RunId, MetricSummary? Summary)> history, RegressionOptions options)
    {
        var counted = history.Select(h => (h.RunId, Counts: h.Summary is null ? null : CountTest.CountsOf(metric, h.Summary)))
            .Where(h => h.Counts is not null).Select(h => (h.RunId, Counts: h.Counts!.Value)).ToList();
        var outliers = CountOutliers.Find([.. counted.Select(c => c.Counts)], options.ErrorTolerance, options.MinimumBaselineRuns);
        var kept = counted.Where((_, i) => !outliers.Contains(i)).Select(c => c.Counts).ToList();
        var test = CountTest.Compare(kept, Counts(metric, candidates), options.ErrorTolerance) with { Outliers = outliers };
        return (test, [.. outliers.Select(i => (counted[i].RunId,
            $"{MetricJudge.Percent(counted[i].Counts.Count / (double)counted[i].Counts.Total)} against {MetricJudge.Percent(test.BaselineValue)}"))]);
    }

    private static List<(long Count, long Total)> Counts(Metric metric, IReadOnlyList<MetricSummary?> summaries) =>
        [.. summaries.Select(s => s is null ? null : CountTest.CountsOf(metric, s)).Where(c => c is not null).Select(c => c!.Value)];

    /// <summary>One-sided p in the worse direction: counts are tested against baseline + tolerance already; t tests from the statistic.</summary>
    private static double WorseP(Metric metric, MetricTest test)
    {
        if (test.InPoints)
            return test.PValue;
        if (double.IsNaN(test.Distance))
            return 1;
        return StudentT.UpperP(metric.HigherIsWorse() ? test.Distance : -test.Distance, test.DegreesOfFreedom);
    }

    private static double BetterP(Metric metric, MetricTest test, RegressionOptions options)
    {
        if (test.InPoints)
            return CountTest.BetterP(test, options.ErrorTolerance);
        if (double.IsNaN(test.Distance))
            return 1;
        return StudentT.UpperP(metric.HigherIsWorse() ? -test.Distance : test.Distance, test.DegreesOfFreedom);
    }

    private static Dictionary<int, double> Adjusted(IEnumerable<(int Index, double P)> pValues)
    {
        var list = pValues.ToList();
        var adjusted = HolmCorrection.Adjust([.. list.Select(x => x.P)]);
        return list.Select((x, k) => (x.Index, adjusted[k])).ToDictionary(x => x.Index, x => x.Item2);
    }
}
