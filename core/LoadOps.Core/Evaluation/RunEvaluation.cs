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

    /// <summary>Why the verdict is not a clean pass although nothing failed (untrustworthy or incomplete numbers).</summary>
    public IReadOnlyList<string> Reservations { get; init; } = [];
}
