namespace LoadOps.Core.Definitions;

/// <summary>Regression check against earlier successful runs on <see cref="Branch"/>.</summary>
public sealed record BaselineSpec
{
    public string Branch { get; init; } = "main";
    public int Runs { get; init; } = 10;
    public IReadOnlyList<Metric> Metrics { get; init; } = [Metric.P50, Metric.P95, Metric.P99, Metric.Rps, Metric.Errors];

    /// <summary>Smallest relative change that may count as a regression (0.05 = 5%).</summary>
    public double Tolerance { get; init; } = 0.05;
}
