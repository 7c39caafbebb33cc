using LoadOps.Cloud.Cost;
using LoadOps.Cloud.Publish;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;

namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// Stage 3: checks the run's cost against its repository's budget, then launches every pending shard of the plan.
/// Each shard is marked launched before its runner starts and only a shard this call moved out of pending is launched,
/// so a duplicate message never starts a second runner (the price: a crash between the mark and the launch leaves the
/// shard to go missing at the deadline). A started runner's handle is recorded on its shard so the runner sweep can
/// release its cloud resources. A launch that is refused fails its shard; when no shard could start, the run fails
/// with the reasons. A dispatched run's check run is started (in progress); a failure to post it is noted and does not
/// stop the run.
/// </summary>
public sealed class DispatchStage(RunStore runs, ShardStore shards, PipelineBlobs blobs, IShardLauncher launcher, RunCostGate? costGate = null,
    IRunPublisher? publisher = null)
{
    public async Task<StageOutcome> HandleAsync(DispatchRun message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var run = await runs.GetAsync(message.RunId, cancellationToken);
        if (run is null || run.Status is not (RunStatus.Validating or RunStatus.Dispatched))
            return StageOutcome.Done($"Run {message.RunId} is {run?.Status.ToString() ?? "unknown"}: nothing to dispatch.");
        var plan = await blobs.ReadPlanAsync(run.RunId, cancellationToken);
        if (plan is null)
        {
            await runs.TransitionAsync(run.RunId, RunStatus.Failed, "The run has no stored plan; the plan stage did not finish.", cancellationToken);
            return StageOutcome.Done($"Run {run.RunId}: no plan.");
        }

        // Only before the runners start: a redelivered message (run already dispatched) must not re-judge or re-charge.
        if (costGate is not null && run.Status == RunStatus.Validating)
        {
            var cost = await costGate.CheckAsync(run, plan.Shards, cancellationToken);
            await runs.UpdateAsync(run.RunId, r => r with
            {
                EstimatedRunnerMinutes = cost.Estimate.RunnerMinutes,
                EstimatedCost = (double)cost.Estimate.Total,
                CostCurrency = cost.Estimate.Currency,
                CostEstimate = cost.Estimate.Describe(),
            }, cancellationToken);
            if (!cost.Allowed)
            {
                await runs.TransitionAsync(run.RunId, RunStatus.Failed, cost.Message, cancellationToken);
                return StageOutcome.Done($"Run {run.RunId}: {cost.Message}");
            }
        }

        var claimed = new List<Core.Planning.ShardSpec>();
        foreach (var spec in plan.Shards)
        {
            if (await shards.MarkLaunchedAsync(run.RunId, spec.ShardId, "launching:" + spec.Location, cancellationToken))
                claimed.Add(spec);
        }

        var launches = await LaunchClaimedAsync(claimed, cancellationToken);
        var started = 0;
        var refused = new List<string>();
        for (var i = 0; i < claimed.Count; i++)
        {
            var (spec, launch) = (claimed[i], launches[i]);
            if (launch.Started)
            {
                started++;
                await shards.RecordHandleAsync(run.RunId, spec.ShardId, launch.Detail, launch.NeedsTeardown, cancellationToken);
                continue;
            }
            refused.Add($"{spec.ShardId}: {launch.Detail}");
            await shards.MarkFailedAsync(run.RunId, spec.ShardId, launch.Detail, cancellationToken);
        }

        var costNote = (await runs.GetAsync(run.RunId, cancellationToken))?.CostEstimate is { } estimate ? "; " + estimate : "";
        await runs.TransitionAsync(run.RunId, RunStatus.Dispatched, $"{started} of {plan.Shards.Count} shards launched{costNote}", cancellationToken);
        var now = await runs.GetAsync(run.RunId, cancellationToken);
        if (now is not null && now.ShardCount > 0 && now.ShardsFailed == now.ShardCount)
        {
            await runs.TransitionAsync(run.RunId, RunStatus.Failed, "No shard could be launched: " + string.Join(" | ", refused), cancellationToken);
            return StageOutcome.Done($"Run {run.RunId}: no shard could be launched.");
        }
        var published = now is null || publisher is null ? "" : "; " + await publisher.DispatchedAsync(now, cancellationToken);
        return StageOutcome.Done($"Run {run.RunId}: launched {started} shards" + (refused.Count > 0 ? $"; refused: {string.Join(" | ", refused)}" : "") + published);
    }

    /// <summary>
    /// Launches the shards this call claimed. The claims cannot be taken back, so a launcher that throws (or answers
    /// the wrong number of launches) refuses every claimed shard with the reason instead of leaving them to go missing.
    /// </summary>
    private async Task<IReadOnlyList<ShardLaunch>> LaunchClaimedAsync(List<Core.Planning.ShardSpec> claimed, CancellationToken cancellationToken)
    {
        if (claimed.Count == 0)
            return [];
        try
        {
            var launches = await launcher.LaunchAllAsync(claimed, cancellationToken);
            return launches.Count == claimed.Count
                ? launches
                : [.. claimed.Select(_ => ShardLaunch.Refused($"the launcher answered {launches.Count} launches for {claimed.Count} shards"))];
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A storage error's text may quote a URL with its grant: only its status goes into the reason.
            var why = e is Azure.RequestFailedException failed ? $"storage answered {failed.Status} ({failed.ErrorCode})" : $"{e.GetType().Name}: {e.Message}";
            return [.. claimed.Select(_ => ShardLaunch.Refused("the launcher failed: " + why))];
        }
    }
}
