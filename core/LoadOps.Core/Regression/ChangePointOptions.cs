namespace LoadOps.Core.Regression;

/// <summary>Settings of <see cref="ChangePointDetector"/>.</summary>
public sealed record ChangePointOptions
{
    /// <summary>A split is kept when its permutation p-value is below this.</summary>
    public double Significance { get; init; } = 0.01;

    /// <summary>
    /// When no split passes <see cref="Significance"/>, the single strongest split of the whole series still counts below this
    /// level (and beyond the tolerance, see <see cref="SeriesAnalyzer"/>). With 10 runs a split of 7 against 3 can reach at best
    /// p ≈ 2/120, so at 0.01 a shift in the last 3 of 10 runs could never be seen.
    /// </summary>
    public double LoneShiftSignificance { get; init; } = 0.05;

    /// <summary>Shuffles per significance test; the smallest reachable p-value is 1 / (Permutations + 1).</summary>
    public int Permutations { get; init; } = 999;

    /// <summary>Fewest points on each side of a split.</summary>
    public int MinimumSegment { get; init; } = 3;

    /// <summary>Seed of the shuffles, so the same history always gives the same answer.</summary>
    public int Seed { get; init; } = 20_160_321;
}
