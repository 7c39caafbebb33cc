namespace LoadOps.Pipeline.Live;

/// <summary>
/// The live merges of the runs read lately, at most <see cref="Capacity"/> of them (each holds a run's merged sums, see
/// <see cref="LiveRunReader.DefaultRunsKept"/>): the least recently read is dropped for a new one, and a run no longer
/// under way is dropped when the reader is told or reads it. Per process; thread-safe.
/// </summary>
internal sealed class LiveMergeCache(int capacity)
{
    private readonly Dictionary<string, LiveRunMerge> _runs = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _uses;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Keep at least one run.");

    /// <summary>The run's merge, new if it had none (dropping the least recently used one when full).</summary>
    public LiveRunMerge For(string runId)
    {
        lock (_lock)
        {
            if (!_runs.TryGetValue(runId, out var merge))
            {
                if (_runs.Count >= Capacity)
                    _runs.Remove(_runs.MinBy(r => r.Value.LastUsed).Key);
                _runs[runId] = merge = new LiveRunMerge();
            }
            merge.LastUsed = ++_uses;
            return merge;
        }
    }

    /// <summary>The run's merge if one is kept, without counting as a use.</summary>
    public LiveRunMerge? Find(string runId)
    {
        lock (_lock)
            return _runs.GetValueOrDefault(runId);
    }

    public void Forget(string runId)
    {
        lock (_lock)
            _runs.Remove(runId);
    }

    /// <summary>The runs held, for tests.</summary>
    public IReadOnlyCollection<string> Runs
    {
        get
        {
            lock (_lock)
                return [.. _runs.Keys];
        }
    }
}
