namespace LoadOps.Pipeline.Live;

/// <summary>
/// A run's figures so far, from the exact merge of its shards' latest interim snapshots: how far the load is
/// (<see cref="ElapsedSeconds"/> of <see cref="TotalSeconds"/>), requests, rps, latency percentiles in milliseconds,
/// failures by error kind, dropped arrivals, per location, and per interval (for a chart). <see cref="AsOf"/> is the end
/// of the newest snapshot merged; <see cref="ShardsReporting"/> of <see cref="ShardCount"/> shards have sent one.
/// </summary>
public sealed record LiveFigures
{
    public DateTimeOffset AsOf { get; init; }
    public double ElapsedSeconds { get; init; }
    public double TotalSeconds { get; init; }
    public int ShardsReporting { get; init; }
    public int ShardCount { get; init; }
    public long Requests { get; init; }
    public double? Rps { get; init; }
    public double? P50Ms { get; init; }
    public double? P95Ms { get; init; }
    public double? P99Ms { get; init; }
    public long Failed { get; init; }
    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();
    public long Dropped { get; init; }
    public IReadOnlyList<LiveLocation> Locations { get; init; } = [];
    public IReadOnlyList<LivePoint> Intervals { get; init; } = [];
}
