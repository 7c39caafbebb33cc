using LoadOps.Core.Definitions;

namespace LoadOps.Core.Reports;

/// <summary>
/// One metric of one step against the baseline. Values are in the metric's unit (latency in microseconds,
/// rps in requests/s, errors as a fraction). <see cref="DeltaPercent"/> is in percent: 26.4 means +26.4%.
/// </summary>
public sealed record MetricRow(
    string Step,
    Metric Metric,
    double? Baseline,
    double Current,
    double? DeltaPercent,
    string Significance,
    ReportVerdict Verdict)
{
    /// <summary>The test's p-value, when one was computed; shown next to <see cref="Significance"/>.</summary>
    public double? PValue { get; init; }
}
