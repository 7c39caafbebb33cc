using LoadOps.Cloud.Storage;
using LoadOps.Core.Definitions;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Results;

namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// Stage 5: judges the merged result against the definition's thresholds and against the baseline (the newest
/// trustworthy runs of the same test and definition on the baseline branch), stores the evaluation, asks for the
/// report. Pure reads and one overwrite: a duplicate computes the same evaluation again.
/// </summary>
public sealed class EvaluateStage(RunStore runs, ResultStore results, PipelineBlobs blobs, BaselineStore baselines, FailedRuns? failedRuns = null)
{
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
        var baseline = await LoadBaselineAsync(run, merged, definition, cancellationToken);
        var evaluation = RunEvaluator.Evaluate(merged, ResultSummarizer.Summarize(merged), definition, baseline);
        await blobs.WriteEvaluationAsync(run.RunId, evaluation, cancellationToken);
        return StageOutcome.Then(new ReportRun(run.RunId), $"Run {run.RunId}: {evaluation.Verdict} ({baseline.Count} baseline runs).");
    }

    private async Task<List<(ResultFile Run, ResultSummary Summary)>> LoadBaselineAsync(
        RunRecord run, ResultFile merged, LoadTestDefinition definition, CancellationToken cancellationToken)
    {
        var baseline = new List<(ResultFile, ResultSummary)>();
        if (definition.Baseline is not { } spec)
            return baseline;
        var entries = await baselines.GetRecentAsync(run.TestName, spec.Branch, spec.Runs + 1, cancellationToken, trustworthyOnly: true);
        foreach (var entry in entries.Where(e => e.RunId != run.RunId).Take(spec.Runs))
        {
            var earlier = await results.ReadResultAsync(entry.ResultBlobName, cancellationToken);
            if (earlier is not null && earlier.DefinitionHash == merged.DefinitionHash)
                baseline.Add((earlier, ResultSummarizer.Summarize(earlier)));
        }
        return baseline;
    }
}
