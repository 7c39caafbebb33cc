namespace LoadOps.Core.Reports;

/// <summary>Metrics the baseline could not decide, and how many more baseline runs would.</summary>
public sealed record InconclusiveNote(IReadOnlyList<string> Metrics, int MoreBaselineRuns);
