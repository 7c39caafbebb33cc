namespace LoadOps.Cloud.Pipeline;

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

/// <summary>One runner location's share of <see cref="LiveFigures"/>, read from that location's merged histograms.</summary>
public sealed record LiveLocation(string Location, long Requests, double? Rps, double? P50Ms, double? P95Ms, double? P99Ms, long Failed);

/// <summary>One closed interval of the run so far: its start, rps, p95 (ms) and failed requests.</summary>
public sealed record LivePoint(DateTimeOffset Start, double? Rps, double? P95Ms, long Failed);
