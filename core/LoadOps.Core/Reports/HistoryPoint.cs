namespace LoadOps.Core.Reports;

/// <summary>The p95 (microseconds) of one earlier run; <see cref="IsCurrent"/> marks the run being reported.</summary>
public sealed record HistoryPoint(string RunId, string? Commit, double P95, bool IsCurrent = false);
