using LoadOps.Core.Definitions;
using LoadOps.Core.Results;

namespace LoadOps.Pipeline.Live;

/// <summary>
/// Reads <see cref="LiveFigures"/> from a merged result of interim snapshots, or from its <see cref="LiveSummary"/> (the
/// same summarizer as every report, so percentiles come from the merged histograms, never averaged). Pure: time and
/// plan come in as values.
/// </summary>
public static class LiveFiguresBuilder
{
    public static LiveFigures Build(ResultFile merged, int shardsReporting, int shardCount, DateTimeOffset startAt, TimeSpan total, DateTimeOffset now) =>
        Build(LiveSummary.Of(merged), shardsReporting, shardCount, startAt, total, now);

    public static LiveFigures Build(LiveSummary summary, int shardsReporting, int shardCount, DateTimeOffset startAt, TimeSpan total, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var overall = summary.Overall;
        var elapsed = Math.Clamp((now - startAt).TotalSeconds, 0, total.TotalSeconds);
        return new LiveFigures
        {
            AsOf = summary.End,
            ElapsedSeconds = Math.Round(elapsed, 1),
            TotalSeconds = total.TotalSeconds,
            ShardsReporting = shardsReporting,
            ShardCount = shardCount,
            Requests = overall.Totals.Total,
            Rps = Round(overall.Value(Metric.Rps)),
            P50Ms = Ms(overall.Value(Metric.P50)),
            P95Ms = Ms(overall.Value(Metric.P95)),
            P99Ms = Ms(overall.Value(Metric.P99)),
            Failed = overall.Totals.Failed.Total,
            ErrorsByKind = overall.Outcomes.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
            Dropped = overall.Totals.Dropped,
            Locations = [.. summary.Locations.Select(l => new LiveLocation(
                l.Location, l.Metrics.Totals.Total, Round(l.Metrics.Value(Metric.Rps)),
                Ms(l.Metrics.Value(Metric.P50)), Ms(l.Metrics.Value(Metric.P95)), Ms(l.Metrics.Value(Metric.P99)), l.Metrics.Totals.Failed.Total))],
            Intervals = [.. overall.Intervals.Select(i => new LivePoint(
                i.Start, Round(i.Values.GetValueOrDefault(Metric.Rps, double.NaN)), Ms(i.Values.GetValueOrDefault(Metric.P95, double.NaN)), i.Totals.Failed.Total))],
        };
    }

    /// <summary>Microseconds (the histograms' unit) to milliseconds, two decimals.</summary>
    private static double? Ms(double? microseconds) => microseconds is { } value && double.IsFinite(value) ? Math.Round(value / 1000, 2) : null;

    private static double? Round(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 1) : null;
}
