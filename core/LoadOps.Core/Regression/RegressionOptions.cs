using LoadOps.Core.Definitions;

namespace LoadOps.Core.Regression;

/// <summary>How a candidate run is compared with its baseline.</summary>
public sealed record RegressionOptions
{
    public IReadOnlyList<Metric> Metrics { get; init; } = new BaselineSpec().Metrics;

    /// <summary>Smallest relative change of latency or rps that may count (0.05 = 5%).</summary>
    public double Tolerance { get; init; } = 0.05;

    /// <summary>Smallest rise of the error (or dropped) rate that may count, in points (0.01 = one percentage point).</summary>
    public double ErrorTolerance { get; init; } = 0.01;

    /// <summary>
    /// Chance of a false regression across all metrics × steps of one comparison (one-sided, Holm-corrected). With
    /// repeats it is shared between the looks (<see cref="LookAlpha"/>), so the whole repeated comparison keeps it.
    /// </summary>
    public double Alpha { get; init; } = 0.005;

    /// <summary>The part of <see cref="Alpha"/> this look may spend (repeats; see <see cref="RepeatPlan"/>); null: all of it.</summary>
    public double? LookAlpha { get; init; }

    /// <summary>
    /// Strict equivalence (a definition's <c>baseline.equivalence: true</c>): a pass must also rule out, at
    /// <see cref="PassConfidence"/>, a change beyond the tolerance; otherwise the comparison is inconclusive and says how
    /// many repeats would settle it. Off by default: a pass is the absence of evidence of a regression, and says how
    /// large a change it could have caught.
    /// </summary>
    public bool RequireEquivalence { get; init; }

    /// <summary>One-sided confidence with which a strict pass must rule out a change beyond the tolerance.</summary>
    public double PassConfidence { get; init; } = 0.8;

    /// <summary>A pass is settled (no repeat would change it) when this one-sided bound of the worse change is within the tolerance.</summary>
    public double SettleConfidence { get; init; } = 0.95;

    /// <summary>Fewer baseline runs than this cannot say anything about run-to-run noise.</summary>
    public int MinimumBaselineRuns { get; init; } = 3;

    /// <summary>
    /// Run-to-run spread of latency and rps believed before any run is seen (relative, 0.03 = 3%), worth
    /// <see cref="PriorNoiseRuns"/> runs. It keeps a few baseline runs that happen to agree (four identical p95s of a
    /// steady service) from making one run on a busier machine look like a regression; see <see cref="BaselineTest"/>.
    /// </summary>
    public double PriorNoise { get; init; } = new BaselineSpec().Noise;

    /// <summary>How many runs' worth of evidence <see cref="PriorNoise"/> carries; the baseline's own spread outweighs it as runs accrue.</summary>
    public int PriorNoiseRuns { get; init; } = 4;

    /// <summary>Least spread assumed for fractions in the t test, absolute, and the base a relative change of a fraction is taken against.</summary>
    public double FractionFloor { get; init; } = 0.001;

    public double EffectiveAlpha => LookAlpha ?? Alpha;

    public static RegressionOptions From(BaselineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new RegressionOptions
        {
            Metrics = spec.Metrics,
            Tolerance = spec.Tolerance,
            ErrorTolerance = spec.ErrorTolerance,
            RequireEquivalence = spec.Equivalence,
            PriorNoise = spec.Noise,
        };
    }
}
