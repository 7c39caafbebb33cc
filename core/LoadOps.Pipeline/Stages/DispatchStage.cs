using LoadOps.Core.Pipeline;
using LoadOps.Pipeline.Cost;
using LoadOps.Pipeline.Publish;

namespace LoadOps.Pipeline;

/// <summary>
/// Stage 3: checks the run's cost against its repository's budget, then launches every pending shard of the plan,
/// with a bounded number of storage writes in flight (<see cref="StorageConcurrency"/>) and the launcher's own limits.
/// Each shard is marked launched before its runner starts and only a shard this call moved out of pending is launched,
/// so a duplicate message never starts a second runner (the price: a crash between the mark and the launch leaves the
/// shard to go missing at the deadline). A started runner's handle is recorded on its shard so the runner sweep can
/// release its cloud resources. A launch that is refused fails its shard; when no shard could start, the run fails
/// with the reasons. A dispatched run's check run is started (in progress); a failure to post it is noted and does not
/// stop the run. Fast runners may report every shard before the run is dispatched: collect counts them and leaves the
/// merge to this stage, which merges once the run is dispatched.
/// </summary>
public sealed class DispatchStage(IRunRepository runs, IShardRepository shards, IStageDocuments blobs, IShardLauncher launcher, RunCostGate? costGate = null,
    IRunPublisher? publisher = null, CollectStage? collect = null)
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

        var claims = new bool[plan.Shards.Count];
        await ForEachShardAsync(plan.Shards.Count, async (i, ct) =>
            claims[i] = await shards.MarkLaunchedAsync(run.RunId, plan.Shards[i].ShardId, ShardLaunch.LaunchingPrefix + plan.Shards[i].Location, ct), cancellationToken);
        var claimed = plan.Shards.Where((_, i) => claims[i]).ToList();

        var launches = await LaunchClaimedAsync(claimed, cancellationToken);
        await ForEachShardAsync(claimed.Count, async (i, ct) =>
        {
            if (launches[i].Started)
                await shards.RecordHandleAsync(run.RunId, claimed[i].ShardId, launches[i].Detail, launches[i].NeedsTeardown, ct);
            else
                await shards.MarkFailedAsync(run.RunId, claimed[i].ShardId, launches[i].Detail, ct);
        }, cancellationToken);
        var started = launches.Count(l => l.Started);
        var refusedNote = RefusedSummary(launches);

        var costNote = (await runs.GetAsync(run.RunId, cancellationToken))?.CostEstimate is { } estimate ? "; " + estimate : "";
        await runs.TransitionAsync(run.RunId, RunStatus.Dispatched, $"{started} of {plan.Shards.Count} shards launched{refusedNote}{costNote}", cancellationToken);
        var now = await runs.GetAsync(run.RunId, cancellationToken);
        if (now is not null && now.ShardCount > 0 && now.ShardsFailed == now.ShardCount)
        {
            await runs.TransitionAsync(run.RunId, RunStatus.Failed, "No shard could be launched" + refusedNote, cancellationToken);
            return StageOutcome.Done($"Run {run.RunId}: no shard could be launched.");
        }
        var published = now is null || publisher is null ? "" : "; " + await publisher.DispatchedAsync(now, cancellationToken);
        var note = $"Run {run.RunId}: launched {started} shards" + refusedNote + published;
        if (collect is null || now is not { AllShardsAccountedFor: true })
            return StageOutcome.Done(note);
        var merged = await collect.MergeIfCompleteAsync(now, cancellationToken);
        return merged with { Note = note + "; every shard reported during dispatch: " + merged.Note };
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
            // Launchers that talk to storage turn its errors into refusals themselves, so a grant URL never reaches here.
            var why = $"{e.GetType().Name}: {e.Message}";
            return [.. claimed.Select(_ => ShardLaunch.Refused("the launcher failed: " + why))];
        }
    }

    /// <summary>Storage writes of one dispatch in flight at once: enough to hide latency, few enough for one partition.</summary>
    public const int StorageConcurrency = 16;

    private static Task ForEachShardAsync(int count, Func<int, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = StorageConcurrency, CancellationToken = cancellationToken }, body);

    /// <summary>The run's status says how many shards were refused and why, one line per distinct reason.</summary>
    private static string RefusedSummary(IReadOnlyList<ShardLaunch> launches)
    {
        var reasons = launches.Where(l => !l.Started).GroupBy(l => l.Detail, StringComparer.Ordinal).Select(g => $"{g.Count()} refused: {g.Key}").ToList();
        return reasons.Count == 0 ? "" : "; " + string.Join("; ", reasons.Take(3)) + (reasons.Count > 3 ? $"; and {reasons.Count - 3} other reasons" : "");
    }
}
