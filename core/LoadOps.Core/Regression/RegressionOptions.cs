using LoadOps.Core.Definitions;

namespace LoadOps.Core.Regression;

/// <summary>How a candidate run is compared with its baseline.</summary>
public sealed record RegressionOptions
{
    public IReadOnlyList<Metric> Metrics { get; init; } = new BaselineSpec().Metrics;

    /// <summary>Smallest relative change that may count (0.05 = 5%).</summary>
    public double Tolerance { get; init; } = 0.05;

    /// <summary>Chance of any false alarm across all metrics × steps of one comparison (Holm-corrected, two-sided).</summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>
    /// A pass must rule out, at this one-sided confidence, a change beyond the tolerance in the worse direction
    /// (<see cref="BaselineTest.WorstPlausibleChange"/>); otherwise the comparison is inconclusive and says how many
    /// repeated runs would settle it. 0.5 would pass on the observed change alone.
    /// </summary>
    public double PassConfidence { get; init; } = 0.8;

    /// <summary>Fewer baseline runs than this cannot say anything about run-to-run noise.</summary>
    public int MinimumBaselineRuns { get; init; } = 3;

    /// <summary>Least run-to-run spread assumed for latency and rps, relative (guards against a baseline that happens to agree too well).</summary>
    public double RelativeNoiseFloor { get; init; } = 0.002;

    /// <summary>Least spread assumed for errors and dropped, absolute, and the base a relative change of a fraction is taken against.</summary>
    public double FractionFloor { get; init; } = 0.001;

    public static RegressionOptions From(BaselineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new RegressionOptions { Metrics = spec.Metrics, Tolerance = spec.Tolerance };
    }
}
