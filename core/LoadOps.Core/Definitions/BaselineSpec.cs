namespace LoadOps.Core.Definitions;

/// <summary>Regression check against earlier successful runs on <see cref="Branch"/>.</summary>
public sealed record BaselineSpec
{
    public string Branch { get; init; } = "main";
    public int Runs { get; init; } = 10;
    public IReadOnlyList<Metric> Metrics { get; init; } = [Metric.P50, Metric.P95, Metric.P99, Metric.Rps, Metric.Errors];

    /// <summary>Smallest relative change of latency or rps that may count as a regression (0.05 = 5%).</summary>
    public double Tolerance { get; init; } = 0.05;

    /// <summary>Smallest rise of the error rate (and dropped rate) that may count, in percentage points (0.01 = 1 point).</summary>
    public double ErrorTolerance { get; init; } = 0.01;

    /// <summary>Candidate runs at most: the run is repeated while the comparison is not yet settled (1 = no repeats).</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>
    /// Run-to-run noise of latency and rps believed until the baseline runs show their own (relative, 0.03 = 3%), worth
    /// 4 runs: a few baseline runs that happen to agree cannot make one wobble a regression. A team whose runs are
    /// steadier (long runs on dedicated runners) may lower it.
    /// </summary>
    public double Noise { get; init; } = 0.03;

    /// <summary>A pass must also rule out a change beyond the tolerance (stricter than the default, which passes unless there is evidence of a regression).</summary>
    public bool Equivalence { get; init; }
}
