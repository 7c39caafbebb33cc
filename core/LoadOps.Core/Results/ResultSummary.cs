namespace LoadOps.Core.Results;

/// <summary>What a merged result says, per step (and location) and overall: totals, rates and latency percentiles.</summary>
public sealed record ResultSummary(
    string RunId,
    string? Commit,
    ResultStatus Status,
    IReadOnlyList<TrustIssue> TrustIssues,
    MetricSummary Overall,
    IReadOnlyList<StepSummary> Steps)
{
    public bool IsTrustworthy => TrustIssues.Count == 0 && Status == ResultStatus.Complete;

    /// <summary>The step across all locations, or null when the run has no data for it.</summary>
    public StepSummary? Step(string scenario, string step) =>
        Steps.FirstOrDefault(s => s.Location is null && s.Scenario == scenario && s.Step == step);
}
