using LoadOps.Core.Definitions;

namespace LoadOps.Core.Results;

/// <summary>The metrics of one interval (for charts and for the within-run noise of a regression test).</summary>
public sealed record IntervalMetrics(DateTimeOffset Start, RequestTotals Totals, IReadOnlyDictionary<Metric, double> Values)
{
    /// <summary>Status codes and error kinds of the interval; empty for results that predate them.</summary>
    public OutcomeTotals Outcomes { get; init; } = OutcomeTotals.None;
}
