namespace LoadOps.SampleTarget;

/// <summary>The faults the target injects into every <c>/api</c> request; changed at start or through <c>POST /admin/faults</c>.</summary>
public sealed record FaultSettings
{
    /// <summary>Added latency in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>Latency varies uniformly by up to this many milliseconds either way.</summary>
    public double JitterMs { get; init; }

    /// <summary>Fraction (0..1) of requests answered with 500.</summary>
    public double ErrorRate { get; init; }
}

/// <summary>A change through <c>POST /admin/faults</c>: fields left out stay as they are; <c>stallMs</c> holds every request arriving in the next N ms until then.</summary>
public sealed record FaultChange(double? LatencyMs, double? JitterMs, double? ErrorRate, double? StallMs);
