using LoadOps.Cli.Files;
using LoadOps.Core.Definitions;
using LoadOps.Core.Results;

namespace LoadOps.Cli.Run;

/// <summary>
/// The run so far, from the runners' interim snapshots merged exactly: requests, errors, and rps and p95 of the last
/// finished interval. A snapshot that cannot be read this time (being replaced) is simply skipped until the next look.
/// </summary>
internal sealed record LiveFigures(int Reporting, long Requests, long Errors, double? Rps, double? P95)
{
    public static async Task<LiveFigures> ReadAsync(IReadOnlyList<LocalShardProcess> shards, CancellationToken cancellationToken)
    {
        var accumulator = new ResultAccumulator();
        foreach (var shard in shards.Where(s => File.Exists(s.ResultPath)))
        {
            var read = await ResultFileLoader.LoadAsync(shard.ResultPath, cancellationToken);
            if (read.Result is not null)
                accumulator.Add(read.Result, shard.ResultPath);
        }
        if (accumulator.InputCount == 0)
            return new LiveFigures(0, 0, 0, null, null);

        var summary = ResultSummarizer.Summarize(accumulator.Build());
        // The newest interval is still filling; the one before it is the latest complete picture.
        var intervals = summary.Overall.Intervals;
        var last = intervals.Count >= 2 ? intervals[^2] : intervals.LastOrDefault();
        return new LiveFigures(accumulator.InputCount, summary.Overall.Totals.Total, summary.Overall.Totals.Failed.Total,
            last?.Values.GetValueOrDefault(Metric.Rps), last is not null && last.Values.TryGetValue(Metric.P95, out var p95) ? p95 : null);
    }
}
