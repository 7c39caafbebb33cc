using LoadOps.Core.Definitions;

namespace LoadOps.Core.Regression;

/// <summary>
/// The verdict on one metric of one step (<see cref="Step"/> null: the whole run). <see cref="AdjustedPValue"/>
/// is Holm-corrected over every comparison of the report; <see cref="MoreRunsNeeded"/> says how many more runs
/// (baseline runs, or repeats of the candidate, whichever is fewer; the reason says which) would likely decide an
/// inconclusive comparison (null: more runs would not help, or not needed).
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

    /// <summary>Smallest relative change this baseline could have called significant (NaN without enough runs).</summary>
    public double DetectableChange { get; init; } = double.NaN;

    public string Scope => Step is null ? "(run)" : Scenario is null ? Step : $"{Scenario}/{Step}";
}
