namespace LoadOps.Core.Results;

/// <summary>The summary of one step; <see cref="Location"/> null for the step across all locations.</summary>
public sealed record StepSummary(string Scenario, string Step, string? Location, MetricSummary Metrics);
