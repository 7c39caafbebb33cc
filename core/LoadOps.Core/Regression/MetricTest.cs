namespace LoadOps.Core.Regression;

/// <summary>
/// The raw outcome of comparing one metric of a candidate run with its baseline runs, before the correction
/// for testing many metrics. <see cref="RelativeChange"/> is signed (+0.1 = 10% higher);
/// <see cref="Noise"/> is the run-to-run spread used, relative for latency and rps, absolute for fractions;
/// <see cref="Distance"/> is the t statistic: the gap in units of that noise, including the baseline's own uncertainty
/// (noise·√(1/m + 1/n) for m candidate and n baseline runs).
/// </summary>
public sealed record MetricTest(
    int BaselineRuns,
    double BaselineValue,
    double CandidateValue,
    double RelativeChange,
    double PValue,
    double Noise,
    double Distance)
{
    /// <summary>Runs the candidate value is the mean of (1: one PR run; more when the run was repeated).</summary>
    public int CandidateRuns { get; init; } = 1;
}
