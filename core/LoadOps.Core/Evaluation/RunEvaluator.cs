using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;
using LoadOps.Core.Results;

namespace LoadOps.Core.Evaluation;

/// <summary>
/// Judges a merged run: thresholds first (absolute gates), then the baseline comparison, then trust. A run whose
/// numbers cannot be trusted never passes cleanly: at best it is inconclusive, with the reason.
/// </summary>
public static class RunEvaluator
{
    public static RunEvaluation Evaluate(ResultFile run, ResultSummary summary, LoadTestDefinition definition, IReadOnlyList<(ResultFile Run, ResultSummary Summary)> baseline)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(definition);
        var thresholds = ThresholdEvaluator.Evaluate(run, definition.Thresholds);
        var regression = definition.Baseline is null
            ? null
            : RegressionAnalyzer.Analyze(summary, baseline.Select(b => b.Summary).ToList(), RegressionOptions.From(definition.Baseline));
        var reservations = Reservations(run).ToList();
        var verdict = Decide(thresholds, regression, reservations);
        return new RunEvaluation
        {
            Verdict = verdict,
            Headline = RunHeadline.For(verdict, thresholds, regression, reservations),
            Thresholds = thresholds,
            Regression = regression,
            Baseline = baseline
                .OrderBy(b => b.Run.Start)
                .Select(b => new BaselineRun(b.Run.RunId, b.Run.Commit, b.Run.Start, b.Summary.Overall.Value(Metric.P95)))
                .ToList(),
            Reservations = reservations,
        };
    }

    private static RunVerdict Decide(IReadOnlyList<ThresholdOutcome> thresholds, RegressionReport? regression, IReadOnlyList<string> reservations)
    {
        if (thresholds.Any(t => !t.Passed))
            return RunVerdict.Fail;
        if (regression?.Verdict == Verdict.Regression)
            return RunVerdict.Regression;
        if (reservations.Count > 0 || regression?.Verdict == Verdict.Inconclusive)
            return RunVerdict.Inconclusive;
        return regression?.Verdict == Verdict.Improvement ? RunVerdict.Improvement : RunVerdict.Pass;
    }

    private static IEnumerable<string> Reservations(ResultFile run)
    {
        if (run.Status == ResultStatus.Incomplete)
            yield return "incomplete: some shards never reported";
        else if (run.Status == ResultStatus.Partial)
            yield return "partial: the run stopped before its schedule ended";
        foreach (var issue in run.TrustIssues)
            yield return issue.ShardId is null ? issue.Message : $"{issue.ShardId}: {issue.Message}";
    }
}
