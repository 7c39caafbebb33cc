using System.Globalization;
using System.Text;
using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Live;

namespace LoadOps.Cloud.Publish;

/// <summary>
/// The in-progress check run of a run under way: a title with how far it is, and a summary with the live figures
/// (requests, rps, p50/p95/p99, errors by kind, dropped, a row per location) and a small chart of rps and p95 per
/// interval drawn with block characters (GitHub renders no images from a check run summary without a host for them).
/// </summary>
public static class LiveProgressMarkdown
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>Intervals drawn at most; a longer run shows its newest ones.</summary>
    public const int ChartWidth = 60;

    public static string Title(LiveFigures live)
    {
        ArgumentNullException.ThrowIfNull(live);
        return string.Create(CultureInfo.InvariantCulture,
            $"Running: {LiveFiguresText.Clock(live.ElapsedSeconds)} of {LiveFiguresText.Clock(live.TotalSeconds)}, {live.Requests} requests, p95 {LiveFiguresText.Ms(live.P95Ms)}");
    }

    public static string Summary(RunRecord run, LiveFigures live)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(live);
        var text = new StringBuilder();
        Line(text, $"### ⏳ LoadOps {run.TestName}: running");
        Line(text, "");
        Line(text, $"{LiveFiguresText.Clock(live.ElapsedSeconds)} of {LiveFiguresText.Clock(live.TotalSeconds)} elapsed; {live.ShardsReporting} of {live.ShardCount} shards reporting; figures as of {live.AsOf:HH:mm:ss} UTC (run `{run.RunId}`).");
        Line(text, "");
        Line(text, "| requests | rps | p50 | p95 | p99 | failed | dropped |");
        Line(text, "|---:|---:|---:|---:|---:|---:|---:|");
        Line(text, $"| {live.Requests} | {LiveFiguresText.Number(live.Rps)} | {LiveFiguresText.Ms(live.P50Ms)} | {LiveFiguresText.Ms(live.P95Ms)} | {LiveFiguresText.Ms(live.P99Ms)} | {live.Failed} | {live.Dropped} |");
        if (live.ErrorsByKind.Count > 0)
        {
            Line(text, "");
            Line(text, "Errors by kind: " + string.Join(", ", live.ErrorsByKind.Select(e => $"`{e.Key}` {e.Value}")));
        }
        if (live.Locations.Count > 0)
        {
            Line(text, "");
            Line(text, "| location | requests | rps | p50 | p95 | p99 | failed |");
            Line(text, "|---|---:|---:|---:|---:|---:|---:|");
            foreach (var l in live.Locations)
                Line(text, $"| {l.Location} | {l.Requests} | {LiveFiguresText.Number(l.Rps)} | {LiveFiguresText.Ms(l.P50Ms)} | {LiveFiguresText.Ms(l.P95Ms)} | {LiveFiguresText.Ms(l.P99Ms)} | {l.Failed} |");
        }
        var points = live.Intervals.TakeLast(ChartWidth).ToList();
        if (points.Count > 1)
        {
            Line(text, "");
            Line(text, "```");
            Line(text, $"rps {Spark(points.Select(p => p.Rps))}");
            Line(text, $"p95 {Spark(points.Select(p => p.P95Ms))}");
            Line(text, "```");
        }
        Line(text, "");
        Line(text, "*Updated while the run is under way; the verdict replaces this when the run is reported.*");
        return text.ToString();
    }

    /// <summary>One block character per value, scaled between zero and the largest value; a gap where there is none.</summary>
    public static string Spark(IEnumerable<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        var max = list.Where(v => v is > 0).Select(v => v!.Value).DefaultIfEmpty(0).Max();
        var chart = new StringBuilder(list.Count);
        foreach (var value in list)
            chart.Append(value is not { } v ? ' ' : max <= 0 ? Blocks[0] : Blocks[(int)Math.Round(Math.Clamp(v / max, 0, 1) * (Blocks.Length - 1))]);
        return chart.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
