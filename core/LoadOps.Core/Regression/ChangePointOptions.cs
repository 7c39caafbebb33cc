namespace LoadOps.Core.Regression;

/// <summary>Settings of <see cref="ChangePointDetector"/>.</summary>
public sealed record ChangePointOptions
{
    /// <summary>
    /// A split is kept when its permutation p-value is below this. 0.05: with 10 runs, a split of 3 against 7 can reach at
    /// best p ≈ 2/120, so a stricter level could never see a shift in the last 3 runs (the tolerance still filters small shifts).
    /// </summary>
    public double Significance { get; init; } = 0.05;

    /// <summary>Shuffles per significance test; the smallest reachable p-value is 1 / (Permutations + 1).</summary>
    public int Permutations { get; init; } = 999;

    /// <summary>Fewest points on each side of a split.</summary>
    public int MinimumSegment { get; init; } = 3;

    /// <summary>Seed of the shuffles, so the same history always gives the same answer.</summary>
    public int Seed { get; init; } = 20_160_321;
}
