namespace LoadOps.Core.Reports.Charts;

/// <summary>One named series of values; null marks a gap (an interval with no data).</summary>
internal sealed record ChartSeries(string Name, string Color, IReadOnlyList<double?> Values);
