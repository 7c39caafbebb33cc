using LoadOps.Core.Definitions;

namespace LoadOps.Core.Reports;

/// <summary>
/// One threshold as written (<see cref="Text"/>, e.g. "p95 &lt; 300ms") and how the run did.
/// <see cref="Actual"/> and <see cref="Limit"/> are in the metric's unit; Actual is null when there was no data.
/// </summary>
public sealed record ThresholdOutcome(string Text, Metric Metric, double? Actual, double Limit, bool Passed)
{
    /// <summary>The step the threshold applies to; null for the whole run.</summary>
    public string? Step { get; init; }
}
