using LoadOps.Core.Definitions;

namespace LoadOps.Core.Regression;

/// <summary>
/// The verdict on one metric of one step (<see cref="Step"/> null: the whole run). <see cref="AdjustedPValue"/>
/// is Holm-corrected over every comparison of the report (one-sided, in the worse direction); <see cref="MoreRunsNeeded"/>
/// says how many more runs (baseline runs, or repeats of the candidate, whichever is fewer; the reason says which) would
/// likely decide an inconclusive comparison (null: more runs would not help, or not needed).
/// </summary>
public sealed record MetricComparison(
    string? Scenario,
    string? Step,
    Metric Metric,
    MetricTest Test,
    double AdjustedPValue,
    Verdict Verdict,
    string Reason)
{
    public int? MoreRunsNeeded { get; init; }

    /// <summary>How many more runs of the candidate (the PR run repeated, their mean compared) would likely decide an inconclusive comparison; null when that would not help.</summary>
    public int? MoreCandidateRunsNeeded { get; init; }

    /// <summary>
    /// The smallest change in the worse direction this comparison would have called a regression at the observed noise
    /// (relative; in points for errors and dropped), never below the tolerance; NaN without enough baseline runs. A pass
    /// states it, so a weak gate is visible: "could detect ≥ 12%".
    /// </summary>
    public double DetectableChange { get; init; } = double.NaN;

    /// <summary>Another repeat would not change this verdict (decided, or a pass that rules out a change beyond the tolerance).</summary>
    public bool Settled { get; init; } = true;

    public string Scope => Step is null ? "(run)" : Scenario is null ? Step : $"{Scenario}/{Step}";
}
