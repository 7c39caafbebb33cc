using LoadOps.Core.Definitions;

namespace LoadOps.Core.Results;

/// <summary>
/// Totals and metric values of a run, or of one step of it. Latency metrics are read from the merged histogram
/// (never averaged across shards or intervals), in microseconds. A metric without data (no request completed,
/// dropped on a single step) is absent from <see cref="Values"/>.
/// </summary>
public sealed record MetricSummary(
    RequestTotals Totals,
    double DurationSeconds,
    IReadOnlyDictionary<Metric, double> Values,
    IReadOnlyList<IntervalMetrics> Intervals)
{
    /// <summary>Status codes, error kinds and one sample message per kind; empty for results that predate them.</summary>
    public OutcomeTotals Outcomes { get; init; } = OutcomeTotals.None;

    public double? Value(Metric metric) => Values.TryGetValue(metric, out var value) ? value : null;

    /// <summary>The per-interval values of <paramref name="metric"/>, skipping intervals without data.</summary>
    public IReadOnlyList<double> IntervalValues(Metric metric) =>
        [.. Intervals.Where(i => i.Values.ContainsKey(metric)).Select(i => i.Values[metric])];
}
