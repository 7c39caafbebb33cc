using System.Globalization;
using System.Text;

namespace LoadOps.Core.Reports.Charts;

/// <summary>Builds chart geometry (paths, bars, ticks) for the HTML report's inline SVG.</summary>
internal static class SvgChart
{
    public const double Width = 1000;
    public const double Height = 260;
    private static readonly ChartArea TimeArea = new(72, 48, 960, 228);

    /// <summary>Lines over time, one per series, sharing a zero-based y axis.</summary>
    public static ChartView Lines(string title, IReadOnlyList<DateTimeOffset> times, IReadOnlyList<ChartSeries> series,
        Func<double, string> formatY, string emptyText)
    {
        var max = series.SelectMany(s => s.Values).Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).DefaultIfEmpty(double.NaN).Max();
        if (times.Count == 0 || double.IsNaN(max))
            return Empty(title, emptyText);

        var scale = NiceScale.For(max);
        var paths = series.Select(s => new ChartPath(s.Name, s.Color, LinePath(times, s.Values, scale), Filled: false)).ToList();
        return TimeFrame(title, times, scale, formatY, series) with { Paths = paths };
    }

    /// <summary>One column per interval with the series stacked in it (e.g. errors by kind); all-zero series are left out.</summary>
    public static ChartView StackedColumns(string title, IReadOnlyList<DateTimeOffset> times, IReadOnlyList<ChartSeries> series,
        Func<double, string> formatY, string emptyText)
    {
        var shown = series.Where(s => s.Values.Any(v => Finite(v) > 0)).ToList();
        if (times.Count == 0 || shown.Count == 0)
            return Empty(title, emptyText);

        var totals = times.Select((_, i) => shown.Sum(s => i < s.Values.Count ? Finite(s.Values[i]) : 0)).ToList();
        var scale = NiceScale.For(totals.Max(), wholeNumbers: true);
        var slot = TimeArea.Width / times.Count;
        var rects = new List<ChartRect>();
        for (var i = 0; i < times.Count; i++)
        {
            var below = 0.0;
            foreach (var s in shown)
            {
                var value = i < s.Values.Count ? Finite(s.Values[i]) : 0;
                if (value <= 0)
                    continue;
                var top = Y(below + value, scale);
                rects.Add(new ChartRect(Round(TimeArea.Left + (i * slot) + (slot * 0.1)), top, Round(Math.Max(0.5, slot * 0.8)),
                    Round(Y(below, scale) - top), s.Color, $"{ValueText.Clock(times[i])} {s.Name}: {formatY(value)}"));
                below += value;
            }
        }
        return TimeFrame(title, times, scale, formatY, shown) with { Rects = rects };
    }

    private static ChartView TimeFrame(string title, IReadOnlyList<DateTimeOffset> times, NiceScale scale,
        Func<double, string> formatY, IReadOnlyList<ChartSeries> series)
    {
        var xTicks = new List<ChartTick>();
        var span = Span(times);
        var tickCount = span > 0 ? 6 : 1;
        for (var i = 0; i < tickCount; i++)
        {
            var fraction = tickCount == 1 ? 0.5 : i / (double)(tickCount - 1);
            xTicks.Add(new ChartTick(Round(TimeArea.Left + (fraction * TimeArea.Width)), ValueText.Clock(times[0].AddSeconds(span * fraction))));
        }
        return new ChartView(title, Width, Height, TimeArea)
        {
            BottomTicks = xTicks,
            LeftTicks = LeftTicks(scale, TimeArea, formatY),
            Legend = Legend(series.Select(s => (s.Name, s.Color)), TimeArea.Left),
        };
    }

    internal static IReadOnlyList<ChartTick> LeftTicks(NiceScale scale, ChartArea area, Func<double, string> format) =>
        scale.Ticks().Select(v => new ChartTick(Round(area.Bottom - (v / scale.Max * area.Height)), format(v))).ToList();

    internal static IReadOnlyList<ChartLegend> Legend(IEnumerable<(string Name, string Color)> entries, double left)
    {
        var legend = new List<ChartLegend>();
        var x = left;
        foreach (var (name, color) in entries)
        {
            legend.Add(new ChartLegend(name, color, Round(x)));
            x += 28 + (name.Length * 7.5);
        }
        return legend;
    }

    internal static ChartView Empty(string title, string emptyText) =>
        new(title, Width, 80, new ChartArea(0, 0, Width, 80)) { EmptyText = emptyText };

    /// <summary>Each point stands for an interval: the axis runs from the first interval's start to the last one's end.</summary>
    private static double Span(IReadOnlyList<DateTimeOffset> times) =>
        times.Count < 2 ? 0 : (times[^1] - times[0]).TotalSeconds + Step(times);

    private static double Step(IReadOnlyList<DateTimeOffset> times) =>
        times.Count < 2 ? 0 : Math.Max(0, (times[1] - times[0]).TotalSeconds);

    private static double X(IReadOnlyList<DateTimeOffset> times, int index)
    {
        var span = Span(times);
        var fraction = span > 0 ? ((times[index] - times[0]).TotalSeconds + (Step(times) / 2)) / span : 0.5;
        return Round(TimeArea.Left + (fraction * TimeArea.Width));
    }

    private static double Y(double value, NiceScale scale) => Round(TimeArea.Bottom - (value / scale.Max * TimeArea.Height));

    private static string LinePath(IReadOnlyList<DateTimeOffset> times, IReadOnlyList<double?> values, NiceScale scale)
    {
        var d = new StringBuilder();
        var penDown = false;
        for (var i = 0; i < times.Count && i < values.Count; i++)
        {
            if (values[i] is not { } v || !double.IsFinite(v))
            {
                penDown = false;
                continue;
            }
            d.Append(CultureInfo.InvariantCulture, $"{(penDown ? 'L' : 'M')}{X(times, i)},{Y(v, scale)} ");
            penDown = true;
        }
        return d.ToString().TrimEnd();
    }

    internal static double Round(double value) => Math.Round(value, 1);

    /// <summary>A drawable value: missing, NaN and infinite values count as zero.</summary>
    internal static double Finite(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? v : 0;
}
