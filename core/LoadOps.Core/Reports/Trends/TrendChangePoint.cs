using LoadOps.Core.Definitions;

namespace LoadOps.Core.Reports.Trends;

/// <summary>A shift of one metric that began at run <see cref="RunId"/>: the level before and after, and whether it is for the worse.</summary>
public sealed record TrendChangePoint(Metric Metric, string RunId, double Before, double After, double RelativeChange, bool Worse);
