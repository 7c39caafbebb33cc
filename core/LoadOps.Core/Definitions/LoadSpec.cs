namespace LoadOps.Core.Definitions;

public enum LoadModel
{
    /// <summary>Arrival rate: iterations start on a schedule, independent of responses.</summary>
    Open,

    /// <summary>Concurrent users, each looping through iterations.</summary>
    Closed,
}

/// <summary>How much load, over time. Stages ramp linearly from the previous stage's value (0 before the first).</summary>
public sealed record LoadSpec
{
    public required LoadModel Model { get; init; }
    public required IReadOnlyList<StageSpec> Stages { get; init; }

    /// <summary>Open model: cap on outstanding requests per runner; arrivals beyond it count as dropped.</summary>
    public int MaxInFlight { get; init; } = 2000;

    public TimeSpan TotalDuration => Stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);

    /// <summary>The highest rate (open) or user count (closed) any stage reaches.</summary>
    public double PeakTarget => Stages.Count == 0 ? 0 : Stages.Max(s => s.Target);
}

/// <summary>One stage: ramp to <see cref="Target"/> (requests/s when open, users when closed) over <see cref="Duration"/>.</summary>
public sealed record StageSpec(TimeSpan Duration, double Target)
{
    public SourcePosition At { get; init; }
}
