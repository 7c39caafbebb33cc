namespace LoadOps.Core.Results;

/// <summary>
/// How the runner itself fared in one interval; a saturated runner measures itself, not the target.
/// </summary>
public sealed record HealthSample
{
    public required DateTimeOffset Start { get; init; }

    /// <summary>Process CPU use as a fraction of the cores available to it (0..1).</summary>
    public double Cpu { get; init; }

    /// <summary>Total GC pause time in the interval, milliseconds.</summary>
    public double GcPauseMs { get; init; }

    /// <summary>Open model: arrivals that were due but not sent because maxInFlight was reached.</summary>
    public long Dropped { get; init; }

    /// <summary>Arrivals that were due in this interval (sent + dropped); the denominator of the dropped rate.</summary>
    public long Scheduled { get; init; }

    /// <summary>Iterations (a scenario's steps run in order, for one arrival or one turn of a closed-model user) that ended in this interval.</summary>
    public long Iterations { get; init; }

    /// <summary>Worst lag between an arrival's intended start and the moment it was actually sent, milliseconds.</summary>
    public double MaxScheduleLagMs { get; init; }

    /// <summary>Largest number of requests waiting for a connection from the pool during the interval.</summary>
    public long MaxPoolQueue { get; init; }

    /// <summary>Requests in flight at the end of the interval.</summary>
    public long InFlight { get; init; }

    /// <summary>The shard that reported this sample; set when samples of several shards are kept side by side.</summary>
    public string? ShardId { get; init; }
}
