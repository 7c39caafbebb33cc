namespace LoadOps.Core.Reports;

/// <summary>
/// One interval of the run (merged across steps and locations). Percentiles are microseconds and null
/// when the interval completed no request.
/// </summary>
public sealed record IntervalPoint(DateTimeOffset Time, double? P50, double? P95, double? P99, double Rps, ErrorCounts Errors);
