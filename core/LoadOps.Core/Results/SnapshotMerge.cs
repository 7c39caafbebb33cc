namespace LoadOps.Core.Results;

/// <summary>
/// The exact merge of a running run's interim snapshots, kept up to date as they are rewritten. A shard's snapshot is
/// its whole result so far and its runner only ever appends closed intervals (and their health samples) to it, so
/// <see cref="UpdateAsync"/> decodes and adds only what each snapshot gained since the shard's previous one; what was
/// merged before is digested and must be byte for byte unchanged. <see cref="Build"/> gives what
/// <see cref="ResultAccumulator"/> gives for the latest snapshots in name order. When that can no longer be promised
/// (a merged snapshot that changed, became unreadable or vanished, a shard that started over, an input that does not
/// belong with the others) the update says why, and the caller drops this merge and merges from scratch: nothing can
/// be taken out of the sums. Not thread-safe: one update or build at a time.
/// </summary>
public sealed class SnapshotMerge(MergeOptions? options = null)
{
    private readonly MergeOptions _options = options ?? MergeOptions.Default;
    private readonly SortedDictionary<string, Contribution> _merged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _shardSources = new(StringComparer.Ordinal);
    private readonly IntervalSums _sums = new();
    private readonly HealthAccumulator _health = new();

    /// <summary>How many snapshots are in the sums (one per source).</summary>
    public int InputCount => _merged.Count;

    /// <summary>
    /// Reads the given snapshots (new ones, or newer versions of merged ones; each source once) on every core and adds
    /// what they gained. A snapshot that cannot be read and was never merged is left out, as a merge from scratch
    /// leaves it out. Returns null when the merge is up to date, or why it no longer equals a merge from scratch.
    /// </summary>
    public async Task<string?> UpdateAsync(IReadOnlyList<MergeInput> snapshots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        // Decided before the reads start: they run on other threads while earlier ones are committed here.
        var seen = snapshots.Select(s => new SnapshotRead(_merged.TryGetValue(s.Source, out var c) ? c.Through : long.MinValue)).ToList();
        var index = 0;
        await foreach (var read in ParallelInputReader.ReadAsync(snapshots, _sums, Environment.ProcessorCount, seen, cancellationToken))
        {
            if (Commit(read, seen[index++]) is { } mismatch)
                return mismatch;
        }
        return null;
    }

    /// <summary>A snapshot that is no longer listed: null when it was not in the sums, else why the merge is out of date.</summary>
    public string? Remove(string source) =>
        _merged.ContainsKey(source) ? $"{source} was merged and is gone; a merge from scratch would leave it out." : null;

    /// <summary>The merged run result of the latest snapshots. Throws when none is merged (check <see cref="InputCount"/>).</summary>
    public ResultFile Build() => Envelopes().Build(_sums.Complete(), _health, _options);

    /// <summary>
    /// The live summary of <see cref="Build"/>'s file (<see cref="LiveSummary.Of"/>), read from the sums themselves:
    /// no merged histogram is encoded and decoded again. Throws when none is merged.
    /// </summary>
    public LiveSummary Summarize()
    {
        // The file without its steps gives what the summary needs besides the sums: start, end, interval, health.
        var span = Envelopes().Build(new(), _health, _options);
        var (overall, locations) = ResultSummarizer.SummarizeSums(_sums.Complete(), span);
        return new LiveSummary(span.End, overall, locations);
    }

    /// <summary>The latest envelopes in name order, as a merge from scratch records them.</summary>
    private MergeEnvelopes Envelopes()
    {
        var envelopes = new MergeEnvelopes();
        foreach (var (source, contribution) in _merged)
            envelopes.Record(contribution.Envelope, source);
        return envelopes;
    }

    private string? Commit(StagedRead read, SnapshotRead seen)
    {
        var earlier = _merged.GetValueOrDefault(read.Source);
        var mismatch = read.Problem is { } problem
            ? earlier is null ? null : $"{read.Source} was merged and can no longer be read: {problem.Message}"
            : Mismatch(read.Source, read.Envelope!, earlier, seen);
        if (read.Problem is not null || mismatch is not null)
        {
            _sums.Return(read.Staged);
            return mismatch;
        }
        var envelope = read.Envelope!;
        _sums.Commit(read.Staged);
        foreach (var sample in envelope.Health)
            _health.Add(sample, envelope.ShardId);
        if (envelope.ShardId is not null)
            _shardSources[envelope.ShardId] = read.Source;
        // Health was added; the envelope kept is for the build (shards, statuses, trust, span of time).
        _merged[read.Source] = new Contribution(Math.Max(seen.MergedThrough, seen.NewestStart), seen.AllDigest, envelope with { Health = [] });
        return null;
    }

    /// <summary>Why <paramref name="next"/> cannot simply be added on top of what was merged, or null when it can.</summary>
    private string? Mismatch(string source, ResultFile next, Contribution? earlier, SnapshotRead seen)
    {
        if (earlier is null)
        {
            // A merge from scratch decides which of two disagreeing inputs it refuses by their order: leave that to it.
            if (next.ShardId is { } shardId && _shardSources.TryGetValue(shardId, out var other))
                return $"{source} is shard '{shardId}' again, merged from {other}.";
            if (_merged.Count > 0 && _merged.Values.First().Envelope is var first
                && (first.RunId != next.RunId || first.DefinitionHash != next.DefinitionHash || first.Interval != next.Interval))
                return $"{source} is of another run, definition or interval than the snapshots merged.";
            return null;
        }
        var before = earlier.Envelope;
        if (before.ShardId != next.ShardId || before.RunId != next.RunId || before.DefinitionHash != next.DefinitionHash
            || before.Interval != next.Interval || before.Start != next.Start || before.Location != next.Location
            || PerLocation(before) != PerLocation(next))
            return $"{source} is not the next snapshot of the shard merged (it started over, or its identity changed).";
        if (seen.MergedDigest != earlier.Digest)
            return $"{source} changed intervals or health samples that were merged from its earlier snapshot.";
        return null;
    }

    /// <summary>Whether the location-less steps of a snapshot are left out (ResultFields.Finish): it must not change between snapshots.</summary>
    private static bool PerLocation(ResultFile envelope) => envelope.Steps.Any(s => s.Location is not null);

    /// <summary>One source in the sums: merged through <see cref="Through"/>, with the digest of all it held then and its latest envelope.</summary>
    private sealed record Contribution(long Through, UInt128 Digest, ResultFile Envelope);
}
