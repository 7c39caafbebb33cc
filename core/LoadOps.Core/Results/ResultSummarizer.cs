using LoadOps.Core.Definitions;

namespace LoadOps.Core.Results;

/// <summary>
/// Reads a merged result into a <see cref="ResultSummary"/>. rps is finished requests (ok + failed) per second of
/// wall clock (the result's start to end; per interval, the part of the interval inside the run); errors is
/// failed / finished; dropped is dropped / scheduled from runner health. Throws <see cref="FormatException"/> on a
/// damaged histogram.
/// </summary>
public static class ResultSummarizer
{
    private static readonly Metric[] LatencyMetrics = [Metric.P50, Metric.P75, Metric.P90, Metric.P95, Metric.P99, Metric.P999, Metric.Max, Metric.Mean];

    public static ResultSummary Summarize(ResultFile result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var steps = result.Steps
            .Select(s => new StepSummary(s.Scenario, s.Step, s.Location, Summarize(result, [s], withHealth: false)))
            .ToList();
        var overall = Summarize(result, [.. result.Steps.Where(s => s.Location is null)], withHealth: true);
        return new ResultSummary(result.RunId, result.Commit, result.Status, result.TrustIssues, overall, steps);
    }

    /// <summary>One step across scenarios and locations, or null when no scenario has a step of that name.</summary>
    public static MetricSummary? SummarizeStep(ResultFile result, string step)
    {
        ArgumentNullException.ThrowIfNull(result);
        var matching = result.Steps.Where(s => s.Location is null && s.Step == step).ToList();
        return matching.Count == 0 ? null : Summarize(result, matching, withHealth: false);
    }

    /// <summary>Every step at one runner location, read from that location's merged histograms.</summary>
    public static IReadOnlyList<(string Location, MetricSummary Metrics)> SummarizeLocations(ResultFile result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Steps.Where(s => s.Location is not null).GroupBy(s => s.Location!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, Summarize(result, [.. g], withHealth: false)))
            .ToList();
    }

    private static MetricSummary Summarize(ResultFile result, IReadOnlyList<StepResult> steps, bool withHealth)
    {
        var byStart = new SortedDictionary<long, IntervalAccumulator>();
        foreach (var interval in steps.SelectMany(s => s.Intervals))
        {
            if (!byStart.TryGetValue(interval.Start.UtcTicks, out var sum))
                byStart[interval.Start.UtcTicks] = sum = new IntervalAccumulator();
            var histogram = new SparseHistogram();
            histogram.AddEncoded(interval.Histogram);
            sum.Add(interval, histogram);
        }
        return Summarize(byStart, result, withHealth);
    }

    /// <summary>The overall summary only (what live figures show), without the per-step ones.</summary>
    internal static MetricSummary SummarizeOverall(ResultFile result) =>
        Summarize(result, [.. result.Steps.Where(s => s.Location is null)], withHealth: true);

    /// <summary>
    /// The overall and per-location summaries of a merge's running sums: what <see cref="SummarizeOverall"/> and
    /// <see cref="SummarizeLocations"/> read from the file built of them (whose histograms hold those sums exactly),
    /// without encoding a histogram to decode it again. <paramref name="span"/> stands for the file's start, end,
    /// interval and health.
    /// </summary>
    internal static (MetricSummary Overall, IReadOnlyList<(string Location, MetricSummary Metrics)> Locations) SummarizeSums(
        Dictionary<(string Scenario, string Step, string? Location), SortedDictionary<long, IntervalAccumulator>> sums, ResultFile span)
    {
        var groups = sums.Where(s => s.Key.Location is not null).GroupBy(s => s.Key.Location!)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        // The overall summary and each location's are independent: one per core. Part 0 is the overall one.
        var parts = new MetricSummary[groups.Count + 1];
        Parallel.For(0, parts.Length, part => parts[part] = part == 0
            ? Summarize(Gather(sums.Values), span, withHealth: true)
            : Summarize(Gather(groups[part - 1].Select(s => s.Value)), span, withHealth: false));
        var overall = parts[0];
        var locations = groups.Select((g, i) => (g.Key, parts[i + 1])).ToList();
        return (overall, locations);
    }

    private static SortedDictionary<long, IntervalAccumulator> Gather(IEnumerable<SortedDictionary<long, IntervalAccumulator>> sums)
    {
        var byStart = new SortedDictionary<long, IntervalAccumulator>();
        foreach (var (ticks, sum) in sums.SelectMany(s => s))
        {
            if (!byStart.TryGetValue(ticks, out var total))
                byStart[ticks] = total = new IntervalAccumulator();
            total.Add(sum);
        }
        return byStart;
    }

    private static MetricSummary Summarize(SortedDictionary<long, IntervalAccumulator> byStart, ResultFile result, bool withHealth)
    {
        var health = withHealth ? result.Health.GroupBy(h => h.Start.UtcTicks).ToDictionary(g => g.Key, g => (g.Sum(h => h.Dropped), g.Sum(h => h.Scheduled))) : [];

        var whole = new IntervalAccumulator();
        var intervals = new List<IntervalMetrics>();
        foreach (var (ticks, sum) in byStart)
        {
            whole.Add(sum);
            var start = new DateTimeOffset(ticks, TimeSpan.Zero);
            var seconds = Overlap(result, start);
            var (dropped, scheduled) = health.GetValueOrDefault(ticks);
            var totals = new RequestTotals(sum.Ok, sum.Failed, dropped, scheduled);
            intervals.Add(new IntervalMetrics(start, totals, Values(sum.Histogram, totals, seconds, withHealth)) { Outcomes = sum.Outcomes?.ToTotals() ?? OutcomeTotals.None });
        }

        var duration = Math.Max(0, (result.End - result.Start).TotalSeconds);
        var all = new RequestTotals(whole.Ok, whole.Failed,
            withHealth ? result.Health.Sum(h => h.Dropped) : 0, withHealth ? result.Health.Sum(h => h.Scheduled) : 0)
        { Iterations = withHealth ? result.Health.Sum(h => h.Iterations) : 0 };
        return new MetricSummary(all, duration, Values(whole.Histogram, all, duration, withHealth), intervals)
        {
            Outcomes = whole.Outcomes?.ToTotals() ?? OutcomeTotals.None,
        };
    }

    private static double Overlap(ResultFile result, DateTimeOffset start)
    {
        var from = start > result.Start ? start : result.Start;
        var end = start + result.Interval;
        var to = end < result.End ? end : result.End;
        var seconds = (to - from).TotalSeconds;
        return seconds > 0 ? seconds : result.Interval.TotalSeconds;
    }

    private static Dictionary<Metric, double> Values(SparseHistogram histogram, RequestTotals totals, double seconds, bool withDropped)
    {
        var values = new Dictionary<Metric, double>();
        if (histogram.TotalCount > 0)
        {
            // Read from the sums directly: the same numbers the library gives for these counts (pinned by a test), without
            // clearing and filling a full 23,000-slot histogram per interval.
            foreach (var metric in LatencyMetrics)
            {
                values[metric] = metric switch
                {
                    Metric.Max => histogram.MaxValue,
                    Metric.Mean => histogram.Mean,
                    _ => histogram.ValueAtPercentile(metric.Percentile()!.Value),
                };
            }
        }
        if (totals.Total > 0)
            values[Metric.Errors] = totals.Failed.Total / (double)totals.Total;
        if (seconds > 0)
            values[Metric.Rps] = totals.Total / seconds;
        if (withDropped && totals.Scheduled > 0)
            values[Metric.Dropped] = totals.Dropped / (double)totals.Scheduled;
        return values;
    }
}
