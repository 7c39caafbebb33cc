using LoadOps.Core.Results;

namespace LoadOps.Pipeline.Live;

/// <summary>
/// The live figures of a run under way: merges the latest interim snapshot of each shard
/// (<see cref="ArtifactNames.InterimBlobName"/>) with the same exact merge collect uses (<see cref="ResultAccumulator"/>),
/// and reads the common start and the load's length from the run's plan. Null before any snapshot was uploaded, or
/// when none can be merged. A damaged snapshot is left out, never an error: the final merge judges the shard.
/// </summary>
public sealed class LiveRunReader(IResultArtifacts results, IStageDocuments blobs, TimeProvider clock)
{
    public static bool IsUnderWay(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Status is RunStatus.Dispatched or RunStatus.Running or RunStatus.Collecting;
    }

    public async Task<LiveFigures?> ReadAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var names = (await results.ListInterimSnapshotsAsync(run.RunId, cancellationToken)).Select(s => s.Name).ToList();
        if (names.Count == 0)
            return null;
        var plan = await blobs.ReadPlanAsync(run.RunId, cancellationToken);
        if (plan is not { Shards.Count: > 0 })
            return null;

        var accumulator = new ResultAccumulator(new MergeOptions { ExpectedShards = plan.Shards.Count });
        await accumulator.AddAllAsync([.. names.Select(n => new MergeInput(n, ct => results.OpenResultAsync(n, ct)))], cancellationToken);
        if (accumulator.InputCount == 0)
            return null;
        var total = plan.Shards[0].Definition.Load.TotalDuration;
        return LiveFiguresBuilder.Build(accumulator.Build(), accumulator.InputCount, plan.Shards.Count, plan.StartAt, total, clock.GetUtcNow());
    }
}
