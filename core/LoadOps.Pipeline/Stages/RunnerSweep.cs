using LoadOps.Core.Pipeline;

namespace LoadOps.Pipeline;

/// <summary>
/// Releases cloud runners so none outlives its purpose, whatever happened to the pipeline: for every shard whose
/// runner still holds resources, the group is deleted or the task stopped once the shard is final (done, missing,
/// failed) or its run has ended (failed, timed out, reported) or vanished. A runner of a live shard is checked: one
/// that finished is released, and if it failed its shard is failed with the provider's reason; when that was the
/// run's last outstanding shard, <paramref name="collect"/> merges the run now instead of at its deadline. A teardown
/// that fails stays pending and is tried again on the next sweep.
/// </summary>
public sealed class RunnerSweep(IRunRepository runs, IShardRepository shards, IRunnerTeardown teardown, CollectStage? collect = null)
{
    /// <summary>Releases what it can; the outcome's messages are the merges that failed runners completed.</summary>
    public async Task<StageOutcome> SweepAsync(CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var next = new List<object>();
        var runCache = new Dictionary<string, RunRecord?>(StringComparer.Ordinal);
        foreach (var shard in await shards.ListTeardownPendingAsync(cancellationToken))
        {
            var handle = teardown.Resolve(shard.ShardId, shard.LauncherHandle);
            var launching = shard.LauncherHandle?.StartsWith(ShardLaunch.LaunchingPrefix, StringComparison.Ordinal) == true;
            if (handle is null && !launching)
            {
                await shards.MarkTornDownAsync(shard.RunId, shard.ShardId, cancellationToken);
                continue;
            }
            if (!runCache.TryGetValue(shard.RunId, out var run))
                runCache[shard.RunId] = run = await runs.GetAsync(shard.RunId, cancellationToken);
            try
            {
                notes.Add(await SweepShardAsync(shard, handle, launching, run, next, cancellationToken));
            }
            catch (Exception e) when (e is RunnerTeardownException or InvalidOperationException)
            {
                notes.Add($"{shard.ShardId}: teardown failed, will retry: {e.Message}");
            }
        }
        return new StageOutcome(next, notes.Count == 0 ? "No cloud runner to release." : string.Join(" ", notes));
    }

    private async Task<string> SweepShardAsync(
        ShardRecord shard, string? handle, bool launching, RunRecord? run, List<object> next, CancellationToken cancellationToken)
    {
        string? why = run is null ? "its run no longer exists"
            : run.IsTerminal ? $"its run is {run.Status}"
            : shard.IsFinal ? $"the shard is {shard.Status}"
            : null;
        if (launching && (why is null || handle is null))
        {
            // Dispatch is between marking and recording (or died there): wait for the run to end, then release what
            // the name says; a launch that leaves nothing findable is only forgotten once the run has ended.
            if (why is null)
                return $"{shard.ShardId}: launching.";
            await shards.MarkTornDownAsync(shard.RunId, shard.ShardId, cancellationToken);
            return $"{shard.ShardId}: nothing recorded to release ({why}).";
        }
        if (handle is null)
            throw new InvalidOperationException("A shard without a cloud handle reached the teardown.");
        var merge = "";
        if (why is null)
        {
            var check = await teardown.CheckAsync(handle, cancellationToken);
            if (!check.Finished)
                return $"{shard.ShardId}: running ({check.Detail}).";
            why = "the runner finished: " + check.Detail;
            if (check.Failed)
            {
                var after = await shards.MarkFailedAsync(shard.RunId, shard.ShardId, "the runner failed: " + check.Detail, cancellationToken);
                merge = await MergeCompletedAsync(after, next, cancellationToken);
            }
        }

        await teardown.TearDownAsync(handle, why, cancellationToken);
        await shards.MarkTornDownAsync(shard.RunId, shard.ShardId, cancellationToken);
        return $"{shard.ShardId}: released ({why}).{merge}";
    }

    /// <summary>
    /// Merges a run the failed shard completed. A merge that fails is only noted: the shard is released all the same,
    /// and the deadline sweep merges the run later.
    /// </summary>
    private async Task<string> MergeCompletedAsync(RunRecord? run, List<object> next, CancellationToken cancellationToken)
    {
        if (collect is null || run is not { AllShardsAccountedFor: true })
            return "";
        try
        {
            var merged = await collect.MergeIfCompleteAsync(run, cancellationToken);
            next.AddRange(merged.Next);
            return " " + merged.Note;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $" Run {run.RunId} could not be merged now ({e.GetType().Name}: {e.Message}); its deadline sweep merges it.";
        }
    }
}
