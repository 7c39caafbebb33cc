using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;

namespace LoadOps.Pipeline;

/// <summary>
/// Stage 2: reads the definition again, checks it is the text that was validated, splits it into shards, stores the
/// plan (first plan wins) and the pending shard rows, and asks for dispatch. A duplicate finds the same plan. A run that
/// asks a location for more runners than its quota holds fails here, before anything is launched.
/// </summary>
public sealed class PlanStage(DefinitionLoader definitions, IRunRepository runs, IShardRepository shards, IStageDocuments blobs, TimeProvider clock, PlanOptions? options = null)
{
    public async Task<StageOutcome> HandleAsync(PlanRun message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var run = await runs.GetAsync(message.RunId, cancellationToken);
        if (run is null)
            return StageOutcome.Done($"No run {message.RunId}; plan message dropped.");
        if (run.Status != RunStatus.Validating)
            return StageOutcome.Done($"Run {run.RunId} is {run.Status}: already planned.");

        var stored = await blobs.ReadPlanAsync(run.RunId, cancellationToken);
        if (stored is null)
        {
            var loaded = await definitions.LoadAsync(run.Repo, run.Commit, message.DefinitionPath, cancellationToken, run.PolicyRef, run.InstallationId);
            var problem = loaded switch
            {
                null => $"The definition {message.DefinitionPath} no longer exists.",
                _ when loaded.Hash != message.DefinitionHash => $"The definition {message.DefinitionPath} changed after it was validated; start the run again.",
                { Definition: null } => $"The definition {message.DefinitionPath} is no longer valid.",
                _ when QuotaCheck.Check(loaded.Definition, message.DefinitionPath, options?.Quotas ?? []) is { Count: > 0 } over =>
                    "A location cannot hold the runners asked for: " + string.Join(" ", over),
                _ => null,
            };
            if (problem is not null)
            {
                await runs.TransitionAsync(run.RunId, RunStatus.Failed, problem, cancellationToken);
                return StageOutcome.Done($"Run {run.RunId}: {problem}");
            }

            var plan = RunPlanner.Plan(loaded!.Definition!, loaded.Hash, new RunIdentity(run.RunId, run.Commit, run.Branch), clock.GetUtcNow(), options, loaded.Data);
            stored = await blobs.WritePlanOnceAsync(StoredPlan.From(plan), cancellationToken);
        }

        await shards.CreateAsync(run.RunId, stored.Shards.Select(ShardRecord.Pending).ToList(), stored.Deadline, cancellationToken);
        return StageOutcome.Then(new DispatchRun(run.RunId), $"Run {run.RunId}: {stored.Shards.Count} shards, start {stored.StartAt:O}, deadline {stored.Deadline:O}.");
    }
}
