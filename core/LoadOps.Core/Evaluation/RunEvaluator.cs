using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;
using LoadOps.Core.Results;

namespace LoadOps.Core.Evaluation;

/// <summary>
/// Judges a merged run in this order: trust first (numbers that cannot be believed are never judged: inconclusive,
/// untrustworthy, with the reason), then failures (a run where every request failed fails, whatever else holds), then the
/// thresholds (absolute gates), then the baseline comparison.
/// </summary>
public static class RunEvaluator
{
    public static RunEvaluation Evaluate(ResultFile run, ResultSummary summary, LoadTestDefinition definition,
        IReadOnlyList<(ResultFile Run, ResultSummary Summary)> baseline, RepeatContext? repeats = null, string? baselineLevel = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(baseline);
        var thresholds = ThresholdEvaluator.Evaluate(run, definition.Thresholds);
        var usable = baseline.Where(b => TrustCheck.IsTrustworthy(b.Run, b.Summary)).ToList();
        RegressionReport? regression = null;
        if (definition.Baseline is { } spec)
        {
            var looks = repeats?.Looks ?? 1;
            var look = repeats?.Look ?? 1;
            var options = RegressionOptions.From(spec);
            options = options with { LookAlpha = RepeatPlan.LookAlpha(options.Alpha, look, looks) };
            regression = RegressionAnalyzer.Analyze([.. repeats?.Earlier ?? [], summary], [.. usable.Select(b => b.Summary)], options);
            if (usable.Count < baseline.Count)
                regression = regression with { Notes = [.. regression.Notes, $"{baseline.Count - usable.Count} baseline run(s) left out as untrustworthy (dropped arrivals)."] };
        }
        var reservations = TrustCheck.Problems(run, summary);
        var verdict = Decide(summary, thresholds, regression, reservations);
        var headline = RunHeadline.For(verdict, summary, thresholds, regression, reservations);
        var settled = repeats is null || regression is null || !RepeatPlan.ShouldRepeat(regression, repeats.Look, repeats.Looks) ||
            verdict is RunVerdict.Fail || reservations.Count > 0;
        return new RunEvaluation
        {
            Verdict = verdict,
            Headline = headline,
            Thresholds = thresholds,
            Regression = regression,
            Baseline = baseline
                .OrderBy(b => b.Run.Start)
                .Select(b => new BaselineRun(b.Run.RunId, b.Run.Commit, b.Run.Start, b.Summary.Overall.Value(Metric.P95)))
                .ToList(),
            Reservations = reservations,
            BaselineLevel = baselineLevel,
            Repeats = repeats is null ? [] : [.. repeats.History, new RepeatRun(run.RunId, repeats.Look, verdict, headline)],
            Settled = settled,
        };
    }

    /// <summary>True when every finished request failed: such a run can never pass, whatever its thresholds measured.</summary>
    public static bool EveryRequestFailed(ResultSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.Overall.Totals.Total > 0 && summary.Overall.Totals.Ok == 0;
    }

    private static RunVerdict Decide(ResultSummary summary, IReadOnlyList<ThresholdOutcome> thresholds, RegressionReport? regression, IReadOnlyList<string> reservations)
    {
        if (reservations.Count > 0)
            return RunVerdict.Inconclusive;
        if (EveryRequestFailed(summary) || thresholds.Any(t => !t.Passed))
            return RunVerdict.Fail;
        if (summary.Overall.Totals.Total == 0)
            return RunVerdict.Inconclusive;
        if (regression?.Verdict == Verdict.Regression)
            return RunVerdict.Regression;
        if (regression?.Verdict == Verdict.Inconclusive)
            return RunVerdict.Inconclusive;
        return regression?.Verdict == Verdict.Improvement ? RunVerdict.Improvement : RunVerdict.Pass;
    }
}
