using System.Globalization;

namespace LoadOps.Core.Reports.Charts;

/// <summary>
/// The data lines of a Mermaid <c>xychart-beta</c> block, already joined and quoted. Latencies are shown in
/// ms (or µs when every value is below a millisecond); long runs are cut into at most <see cref="MaxPoints"/>
/// buckets, each showing the highest value of its intervals so that spikes stay visible.
/// </summary>
internal sealed record MermaidChart(string Labels, string ValueAxis, IReadOnlyList<string> Lines)
{
    public const int MaxPoints = 40;

    public bool HasData => Lines.Count > 0;

    public static MermaidChart Latency(IReadOnlyList<IntervalPoint> intervals)
    {
        if (intervals.All(p => p.P50 is null && p.P95 is null && p.P99 is null))
            return new MermaidChart("", "", []);
        var buckets = Bucket(intervals.Count);
        var series = new Func<IntervalPoint, double?>[] { p => p.P50, p => p.P95, p => p.P99 }
            .Select(pick => buckets.Select(b => intervals.Skip(b.Start).Take(b.Count).Select(pick).Max(v => (double?)SvgChart.Finite(v)) ?? 0).ToList())
            .ToList();
        var labels = buckets.Select(b => ValueText.Clock(intervals[b.Start].Time)[..5]);
        return Build(labels, series);
    }

    public static MermaidChart History(IReadOnlyList<HistoryPoint> history)
    {
        if (history.Count == 0)
            return new MermaidChart("", "", []);
        var shown = history.Skip(Math.Max(0, history.Count - MaxPoints)).ToList();
        var labels = shown.Select(h => TextEscaper.Truncate(HistoryLabel(h), 12) + (h.IsCurrent ? " (this)" : ""));
        return Build(labels, [shown.Select(h => SvgChart.Finite(h.P95)).ToList()]);
    }

    internal static string HistoryLabel(HistoryPoint point) =>
        !string.IsNullOrWhiteSpace(point.Commit) ? point.Commit[..Math.Min(7, point.Commit.Length)] : point.RunId;

    private static MermaidChart Build(IEnumerable<string> labels, IReadOnlyList<List<double>> series)
    {
        var max = series.SelectMany(s => s).DefaultIfEmpty(0).Max();
        var inMs = max >= 1_000;
        var divisor = inMs ? 1_000.0 : 1.0;
        var scale = NiceScale.For(max / divisor);
        var labelList = "[" + string.Join(", ", labels.Select(l => "\"" + TextEscaper.Mermaid(l) + "\"")) + "]";
        var valueAxis = string.Create(CultureInfo.InvariantCulture, $"\"{(inMs ? "ms" : "µs")}\" 0 --> {scale.Max:0.###}");
        var lines = series.Select(s => "[" + string.Join(", ", s.Select(v => (v / divisor).ToString("0.#", CultureInfo.InvariantCulture))) + "]").ToList();
        return new MermaidChart(labelList, valueAxis, lines);
    }

    private static List<(int Start, int Count)> Bucket(int count)
    {
        var size = (int)Math.Ceiling(count / (double)MaxPoints);
        var buckets = new List<(int, int)>();
        for (var start = 0; start < count; start += size)
            buckets.Add((start, Math.Min(size, count - start)));
        return buckets;
    }
}
