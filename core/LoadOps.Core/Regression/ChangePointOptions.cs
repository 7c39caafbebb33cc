namespace LoadOps.Core.Regression;

/// <summary>Settings of <see cref="ChangePointDetector"/>.</summary>
public sealed record ChangePointOptions
{
    /// <summary>A split is kept when its permutation p-value is below this.</summary>
    public double Significance { get; init; } = 0.01;

    /// <summary>Shuffles per significance test; the smallest reachable p-value is 1 / (Permutations + 1).</summary>
    public int Permutations { get; init; } = 199;

    /// <summary>Fewest points on each side of a split.</summary>
    public int MinimumSegment { get; init; } = 3;

    /// <summary>Seed of the shuffles, so the same history always gives the same answer.</summary>
    public int Seed { get; init; } = 20_160_321;
}
