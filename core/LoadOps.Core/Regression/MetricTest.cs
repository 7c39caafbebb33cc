namespace LoadOps.Core.Regression;

/// <summary>
/// The raw outcome of comparing one metric of a candidate run with its baseline runs, before the correction
/// for testing many metrics. <see cref="RelativeChange"/> is signed (+0.1 = 10% higher; for a count metric, errors
/// or dropped, it is the difference in points of the rate: +0.02 = two percentage points more, see <see cref="InPoints"/>);
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

    /// <summary>True for a test on counts (errors, dropped): the change and the tolerance are in points of the rate.</summary>
    public bool InPoints { get; init; }

    /// <summary>Count tests: failed (or dropped) requests of the candidate runs together.</summary>
    public long CandidateCount { get; init; }

    /// <summary>Count tests: finished (or scheduled) requests of the candidate runs together.</summary>
    public long CandidateTotal { get; init; }

    /// <summary>
    /// Indices (into the baseline values or counts given) of runs left out as outliers: stalled runs for latency and rps
    /// (<see cref="BaselineOutliers"/>), error bursts for counts (<see cref="CountOutliers"/>); <see cref="BaselineRuns"/> counts the rest.
    /// </summary>
    public IReadOnlyList<int> Outliers { get; init; } = [];

    /// <summary>Degrees of freedom of the noise estimate: the runs' own (a prior that floors the noise adds none, see <see cref="BaselineTest"/>).</summary>
    public int DegreesOfFreedom => BaselineRuns + CandidateRuns - 2;
}
