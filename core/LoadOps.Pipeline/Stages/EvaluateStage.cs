using LoadOps.Core.Definitions;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Results;

namespace LoadOps.Pipeline;

/// <summary>
/// Stage 5: judges the merged result against the definition's thresholds and against the baseline (the newest
/// trustworthy runs of the same test and definition on the baseline branch), stores the evaluation, asks for the
/// report, and with <c>baseline.repeat</c> asks for the next look while the comparison is not settled (<see cref="RepeatChain"/>). Pure reads and one overwrite: a duplicate computes the same evaluation again.
/// </summary>
public sealed class EvaluateStage(IRunRepository runs, IResultArtifacts results, IStageDocuments blobs, IBaselineRepository baselines, FailedRuns? failedRuns = null)
{
    private readonly RepeatChain _chain = new(runs, results, blobs);

    public async Task<StageOutcome> HandleAsync(EvaluateRun message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var run = await runs.GetAsync(message.RunId, cancellationToken);
        if (run is null || run.Status != RunStatus.Evaluating)
            return StageOutcome.Done($"Run {message.RunId} is {run?.Status.ToString() ?? "unknown"}: nothing to evaluate.");

        var merged = run.ResultBlobName is null ? null : await results.ReadResultAsync(run.ResultBlobName, cancellationToken);
        var plan = await blobs.ReadPlanAsync(run.RunId, cancellationToken);
        if (merged is null || plan is null || plan.Shards.Count == 0)
        {
            const string reason = "The merged result or the plan of the run is missing.";
            var note = failedRuns is null
                ? (await runs.TransitionAsync(run.RunId, RunStatus.Failed, reason, cancellationToken)).Message
                : await failedRuns.FailAsync(run.RunId, reason, cancellationToken);
            return StageOutcome.Done($"Run {run.RunId}: merged result or plan missing ({note}).");
        }

        var definition = plan.Shards[0].Definition;
        var looks = definition.Baseline?.Repeat ?? 1;
        var baseline = await LoadBaselineAsync(run, merged, definition, cancellationToken);
        var repeats = await _chain.ContextAsync(run, merged.DefinitionHash, looks, cancellationToken);
        var evaluation = RunEvaluator.Evaluate(merged, ResultSummarizer.Summarize(merged), definition, baseline.Runs, repeats, baseline.Level);
        if (evaluation.Regression is { } regression && baseline.Notes.Count > 0)
            evaluation = evaluation with { Regression = regression with { Notes = [.. baseline.Notes, .. regression.Notes] } };
        await blobs.WriteEvaluationAsync(run.RunId, evaluation, cancellationToken);
        var line = $"Run {run.RunId}: {evaluation.Verdict} ({baseline.Runs.Count} baseline runs{(repeats is null ? "" : $", look {repeats.Look} of at most {looks}")}).";
        // Not settled and repeats left: the same test at the same commit runs again, judged together with this run.
        return RepeatChain.Next(run, evaluation, looks) is { } again
            ? new StageOutcome([new ReportRun(run.RunId), again], line + $" Not settled: repeating as {again.RequestId}.")
            : StageOutcome.Then(new ReportRun(run.RunId), line);
    }

    /// <summary>
    /// Baseline hygiene (<see cref="BaselineSelector"/>): earlier runs of the same definition text, each with the verdict
    /// its own evaluation recorded, so regressed or failing runs stay out unless their level was accepted or confirmed.
    /// </summary>
    private async Task<BaselineSelection> LoadBaselineAsync(
        RunRecord run, ResultFile merged, LoadTestDefinition definition, CancellationToken cancellationToken)
    {
        if (definition.Baseline is not { } spec)
            return new BaselineSelection([], null, []);
        var count = (spec.Runs * 3) + BaselineSelector.ConfirmRuns;
        var entries = await baselines.GetRecentAsync(run.TestName, spec.Branch, count + 1, cancellationToken, trustworthyOnly: true);
        var history = new List<HistoryRun>();
        // The looks of this run's own repeat chain are the candidate, never its baseline.
        var chain = RepeatChain.RunIdsOf(run, spec.Repeat);
        foreach (var entry in entries.Where(e => !chain.Contains(e.RunId)).Take(count))
        {
            var earlier = await results.ReadResultAsync(entry.ResultBlobName, cancellationToken);
            if (earlier is null || earlier.DefinitionHash != merged.DefinitionHash)
                continue;
            var judged = await blobs.ReadEvaluationAsync(entry.RunId, cancellationToken);
            var verdict = await _chain.VerdictForBaselineAsync(entry.RunId, judged, spec.Repeat, cancellationToken);
            history.Add(new HistoryRun(earlier, ResultSummarizer.Summarize(earlier), verdict, entry.Accepted));
        }
        return BaselineSelector.Select(history, spec);
    }
}
