using LoadOps.Core.Results;

namespace LoadOps.Pipeline.Live;

/// <summary>
/// One run's live merge between reads: the <see cref="SnapshotMerge"/> of its interim snapshots and the version of each
/// snapshot it has read (merged, or left out as unreadable), so a read opens only the snapshots written since. The
/// versions come from the listing, which is never newer than the bytes read after it: a version recorded for bytes
/// that were newer still only makes the next read open that snapshot once more, never skip a change. Whenever the
/// merge can no longer equal a merge from scratch (<see cref="SnapshotMerge.UpdateAsync"/>), it is dropped and the
/// run merged again from all its snapshots. One read at a time (<see cref="Gate"/>).
/// </summary>
internal sealed class LiveRunMerge
{
    private readonly Dictionary<string, string> _versions = new(StringComparer.Ordinal);
    private SnapshotMerge? _merge;
    private int _expectedShards;

    /// <summary>The last read's answer, given again while no snapshot changed.</summary>
    private (LiveSummary Summary, int Inputs)? _last;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>When it was last used, for <see cref="LiveMergeCache"/> to drop the least recent.</summary>
    public long LastUsed { get; set; }

    /// <summary>How many times the run was merged from all its snapshots: the first read, and each mismatch since.</summary>
    public int FullMerges { get; private set; }

    /// <summary>The live summary of the latest snapshots and how many were merged; null when none could be.</summary>
    public async Task<(LiveSummary Summary, int Inputs)?> ReadAsync(
        IReadOnlyList<InterimSnapshot> snapshots, int expectedShards, Func<string, CancellationToken, Task<Stream?>> open, CancellationToken cancellationToken)
    {
        var changed = true;
        if (_merge is not null)
        {
            (string? Mismatch, bool Changed) update = expectedShards == _expectedShards
                ? await UpdateAsync(_merge, snapshots, open, cancellationToken)
                : ("the plan's shard count changed", true);
            (_merge, changed) = (update.Mismatch is null ? _merge : null, update.Changed);
        }
        if (_merge is null)
        {
            FullMerges++;
            _versions.Clear();
            var fresh = new SnapshotMerge(new MergeOptions { ExpectedShards = expectedShards });
            if ((await UpdateAsync(fresh, snapshots, open, cancellationToken)).Mismatch is not null)
            {
                _last = null;
                return await FromScratchAsync(snapshots, expectedShards, open, cancellationToken);
            }
            (_merge, _expectedShards, changed) = (fresh, expectedShards, true);
        }
        if (changed)
            _last = _merge.InputCount == 0 ? null : (_merge.Summarize(), _merge.InputCount);
        return _last;
    }

    /// <summary>
    /// Adds what changed since the last read: whether anything did, and null when <paramref name="merge"/> is up to
    /// date, else why it cannot be.
    /// </summary>
    private async Task<(string? Mismatch, bool Changed)> UpdateAsync(
        SnapshotMerge merge, IReadOnlyList<InterimSnapshot> snapshots, Func<string, CancellationToken, Task<Stream?>> open, CancellationToken cancellationToken)
    {
        var listed = snapshots.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var gone = _versions.Keys.Where(name => !listed.Contains(name)).ToList();
        foreach (var name in gone)
        {
            if (merge.Remove(name) is { } mismatch)
                return (mismatch, true);
            _versions.Remove(name);
        }
        var changed = snapshots.Where(s => s.Version is null || _versions.GetValueOrDefault(s.Name) != s.Version).ToList();
        if (changed.Count == 0)
            return (null, gone.Count > 0);
        var problem = await merge.UpdateAsync([.. changed.Select(s => new MergeInput(s.Name, ct => open(s.Name, ct)))], cancellationToken);
        if (problem is not null)
            return (problem, true);
        foreach (var snapshot in changed.Where(s => s.Version is not null))
            _versions[snapshot.Name] = snapshot.Version!;
        return (null, true);
    }

    /// <summary>The merge as it always was: every snapshot, in name order (what decides which of two disagreeing inputs is refused).</summary>
    private static async Task<(LiveSummary Summary, int Inputs)?> FromScratchAsync(
        IReadOnlyList<InterimSnapshot> snapshots, int expectedShards, Func<string, CancellationToken, Task<Stream?>> open, CancellationToken cancellationToken)
    {
        var accumulator = new ResultAccumulator(new MergeOptions { ExpectedShards = expectedShards });
        await accumulator.AddAllAsync([.. snapshots.Select(s => new MergeInput(s.Name, ct => open(s.Name, ct)))], cancellationToken);
        return accumulator.InputCount == 0 ? null : (LiveSummary.Of(accumulator.Build()), accumulator.InputCount);
    }
}
