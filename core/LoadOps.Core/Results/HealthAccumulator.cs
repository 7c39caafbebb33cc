namespace LoadOps.Core.Results;

/// <summary>
/// Runner health of many shards folded into one sample per interval start. Choices: CPU, GC pause, schedule lag
/// and pool queue take the worst shard (a single saturated runner already spoils its share of the numbers);
/// dropped, scheduled, iterations and in-flight add up (they are counts of the whole run). <see cref="HealthSample.ShardId"/>
/// names the shard with the highest CPU (ties: the first seen), the one to look at first.
/// </summary>
internal sealed class HealthAccumulator
{
    private readonly SortedDictionary<long, HealthSample> _byStart = [];

    public void Add(HealthSample sample, string? shardId)
    {
        var key = sample.Start.UtcTicks;
        var incoming = sample with { ShardId = sample.ShardId ?? shardId };
        if (!_byStart.TryGetValue(key, out var current))
        {
            _byStart[key] = incoming with { Start = new DateTimeOffset(key, TimeSpan.Zero) };
            return;
        }
        _byStart[key] = current with
        {
            Cpu = Math.Max(current.Cpu, incoming.Cpu),
            GcPauseMs = Math.Max(current.GcPauseMs, incoming.GcPauseMs),
            Dropped = current.Dropped + incoming.Dropped,
            Scheduled = current.Scheduled + incoming.Scheduled,
            Iterations = current.Iterations + incoming.Iterations,
            MaxScheduleLagMs = Math.Max(current.MaxScheduleLagMs, incoming.MaxScheduleLagMs),
            MaxPoolQueue = Math.Max(current.MaxPoolQueue, incoming.MaxPoolQueue),
            InFlight = current.InFlight + incoming.InFlight,
            ShardId = incoming.Cpu > current.Cpu ? incoming.ShardId : current.ShardId,
        };
    }

    public IReadOnlyList<HealthSample> ToList() => [.. _byStart.Values];
}
