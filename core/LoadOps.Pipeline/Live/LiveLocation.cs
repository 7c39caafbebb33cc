namespace LoadOps.Pipeline.Live;

/// <summary>One runner location's share of <see cref="LiveFigures"/>, read from that location's merged histograms.</summary>
public sealed record LiveLocation(string Location, long Requests, double? Rps, double? P50Ms, double? P95Ms, double? P99Ms, long Failed);
