using LoadOps.Core.Definitions;

namespace LoadOps.Core.Regression;

/// <summary>
/// A shift in one metric of a series: it began at <see cref="At"/> (the first run of the new level, so its commit is
/// the first suspect), with the level before and after and the change between them. <see cref="Worse"/> is true when
/// the metric moved in its bad direction (latency, errors, dropped up; rps down).
/// </summary>
public sealed record SeriesShift(Metric Metric, SeriesRun At, ChangePoint Point, bool Worse)
{
    public double RelativeChange => Point.RelativeChange;
}
