using LoadOps.Core.Results;

namespace LoadOps.Pipeline.Live;

/// <summary>
/// The live figures of a run under way: the exact merge of the latest interim snapshot of each shard
/// (<see cref="ArtifactNames.InterimBlobName"/>), the same figures collect's merge (<see cref="ResultAccumulator"/>)
/// gives for them, with the common start and the load's length from the run's plan. Null before any snapshot was
/// uploaded, or when none can be merged. A damaged snapshot is left out, never an error: the final merge judges the
/// shard. The merge is kept between reads (<see cref="LiveRunMerge"/>, for the <paramref name="runsKept"/> runs read
/// last), so a read opens only the snapshots written since the previous one and decodes only the intervals they gained.
/// </summary>
public sealed class LiveRunReader(IResultArtifacts results, IStageDocuments blobs, TimeProvider clock, int runsKept = LiveRunReader.DefaultRunsKept)
{
    /// <summary>
    /// Runs whose merge is kept between reads. A kept merge holds the run's merged sums, which grow with steps ×
    /// locations × intervals, not with shards: up to ~0.4 GB by the end of a run shaped as the Results bench's (20 steps ×
    /// 3 locations × 120 intervals; its full merge keeps ~0.49 GB live), a few MB for a small test. A run read after the others were kept costs one full merge.
    /// </summary>
    public const int DefaultRunsKept = 2;

    private readonly LiveMergeCache _merges = new(runsKept);

    public static bool IsUnderWay(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Status is RunStatus.Dispatched or RunStatus.Running or RunStatus.Collecting;
    }

    /// <summary>The runs whose merge is kept (for tests).</summary>
    internal IReadOnlyCollection<string> RunsKept => _merges.Runs;

    /// <summary>How many times <paramref name="runId"/> was merged from all its snapshots since its merge was kept (for tests).</summary>
    internal int FullMerges(string runId) => _merges.Find(runId)?.FullMerges ?? 0;

    public async Task<LiveFigures?> ReadAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var snapshots = await results.ListInterimSnapshotsAsync(run.RunId, cancellationToken);
        if (snapshots.Count == 0)
            return null;
        var plan = await blobs.ReadPlanAsync(run.RunId, cancellationToken);
        if (plan is not { Shards.Count: > 0 })
            return null;

        var merge = _merges.For(run.RunId);
        (LiveSummary Summary, int Inputs)? read;
        await merge.Gate.WaitAsync(cancellationToken);
        try
        {
            read = await merge.ReadAsync(snapshots, plan.Shards.Count, results.OpenResultAsync, cancellationToken);
        }
        finally
        {
            merge.Gate.Release();
        }
        if (!IsUnderWay(run))
            _merges.Forget(run.RunId);
        if (read is not { } merged)
            return null;
        var total = plan.Shards[0].Definition.Load.TotalDuration;
        return LiveFiguresBuilder.Build(merged.Summary, merged.Inputs, plan.Shards.Count, plan.StartAt, total, clock.GetUtcNow());
    }

    /// <summary>Drops the merge kept for a run that is no longer under way.</summary>
    public void Forget(string runId) => _merges.Forget(runId);
}
