using LoadOps.Cli.Files;
using LoadOps.Core.Definitions;
using LoadOps.Core.Results;

namespace LoadOps.Cli.Run;

/// <summary>
/// The run so far, from the runners' result files (interim snapshots while running, the final ones at the end) merged
/// exactly, read the same way as the final summary: iterations, requests, errors, dropped arrivals, and rps and p95 of
/// the last finished interval. A snapshot that cannot be read this time (being replaced) is skipped until the next look.
/// </summary>
internal sealed record LiveFigures(int Reporting, long Requests, long Errors, double? Rps, double? P95)
{
    public long Iterations { get; init; }

    public long Dropped { get; init; }

    /// <summary>The end of the newest interval the figures cover; null before any snapshot.</summary>
    public DateTimeOffset? Through { get; init; }

    public static Task<LiveFigures> ReadAsync(IReadOnlyList<LocalShardProcess> shards, CancellationToken cancellationToken) =>
        ReadAsync([.. shards.Select(s => s.ResultPath)], cancellationToken);

    public static async Task<LiveFigures> ReadAsync(IReadOnlyList<string> resultPaths, CancellationToken cancellationToken)
    {
        var accumulator = new ResultAccumulator();
        foreach (var path in resultPaths.Where(File.Exists))
        {
            var read = await ResultFileLoader.LoadAsync(path, cancellationToken);
            if (read.Result is not null)
                accumulator.Add(read.Result, path);
        }
        if (accumulator.InputCount == 0)
            return new LiveFigures(0, 0, 0, null, null);

        var merged = accumulator.Build();
        var summary = ResultSummarizer.Summarize(merged);
        // The newest interval is still filling; the one before it is the latest complete picture.
        var intervals = summary.Overall.Intervals;
        var last = intervals.Count >= 2 ? intervals[^2] : intervals.LastOrDefault();
        var totals = summary.Overall.Totals;
        return new LiveFigures(accumulator.InputCount, totals.Total, totals.Failed.Total,
            last?.Values.GetValueOrDefault(Metric.Rps), last is not null && last.Values.TryGetValue(Metric.P95, out var p95) ? p95 : null)
        {
            Iterations = totals.Iterations,
            Dropped = totals.Dropped,
            Through = merged.End,
        };
    }
}
