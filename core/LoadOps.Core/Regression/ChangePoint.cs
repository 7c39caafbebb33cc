namespace LoadOps.Core.Regression;

/// <summary>
/// A shift in a history series: the level changed starting at <see cref="Index"/> (the first point of the new
/// level), named by <see cref="Label"/> (its run id or commit). Means are of the segments either side.
/// </summary>
public sealed record ChangePoint(int Index, string Label, double PValue, double MeanBefore, double MeanAfter)
{
    public double RelativeChange => MeanBefore == 0 ? double.NaN : (MeanAfter - MeanBefore) / Math.Abs(MeanBefore);
}
