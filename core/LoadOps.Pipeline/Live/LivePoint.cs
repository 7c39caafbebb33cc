namespace LoadOps.Pipeline.Live;

/// <summary>One closed interval of the run so far: its start, rps, p95 (ms) and failed requests.</summary>
public sealed record LivePoint(DateTimeOffset Start, double? Rps, double? P95Ms, long Failed);
