using LoadOps.Core.Regression;

namespace LoadOps.Core.Evaluation;

/// <summary>
/// Everything decided about a run: threshold outcomes, the baseline comparison (null when the definition asks for
/// none) and the overall verdict with a one-line headline. Written beside the merged result as <c>evaluation.json</c>.
/// </summary>
public sealed record RunEvaluation
{
    public required RunVerdict Verdict { get; init; }
    public required string Headline { get; init; }
    public IReadOnlyList<ThresholdOutcome> Thresholds { get; init; } = [];
    public RegressionReport? Regression { get; init; }

    /// <summary>The baseline runs, oldest first.</summary>
    public IReadOnlyList<BaselineRun> Baseline { get; init; } = [];

    /// <summary>
    /// Why the numbers cannot be trusted (partial, incomplete, dropped arrivals, saturated runner, schedule lag): any entry
    /// makes the verdict inconclusive (untrustworthy), whatever the thresholds say; the first is the headline's reason.
    /// </summary>
    public IReadOnlyList<string> Reservations { get; init; } = [];

    /// <summary>Where the baseline's level starts (an accepted run, or one the series test confirmed), naming the commit; null when the baseline is simply the newest runs.</summary>
    public string? BaselineLevel { get; init; }

    /// <summary>Every run of a repeated candidate, oldest first, with the pooled verdict after each; empty without repeats.</summary>
    public IReadOnlyList<RepeatRun> Repeats { get; init; } = [];

    /// <summary>True when the pooled comparison is settled, or no repeat is allowed; false: another repeat could still decide.</summary>
    public bool Settled { get; init; } = true;
}
