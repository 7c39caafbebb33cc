using System.Globalization;
using System.Text;

namespace LoadOps.Core.Reports.Charts;

/// <summary>Charts over named categories: horizontal bars (per location) and a run-by-run history line.</summary>
internal static class CategoryChart
{
    private const double RowHeight = 30;

    /// <summary>One horizontal bar per category, longest value spanning the plot.</summary>
    public static ChartView Bars(string title, IReadOnlyList<(string Label, double Value)> rows, string color,
        Func<double, string> format, string emptyText)
    {
        if (rows.Count == 0)
            return SvgChart.Empty(title, emptyText);
        var height = 40 + (rows.Count * RowHeight) + 28;
        var area = new ChartArea(180, 40, 900, height - 28);
        var scale = NiceScale.For(rows.Max(r => SvgChart.Finite(r.Value)));
        var bars = rows.Select((r, i) => new ChartBar(
            area.Left,
            SvgChart.Round(area.Top + (i * RowHeight) + 5),
            SvgChart.Round(SvgChart.Finite(r.Value) / scale.Max * area.Width),
            RowHeight - 10,
            color,
            TextEscaper.Truncate(r.Label, 24),
            format(r.Value))).ToList();
        var xTicks = scale.Ticks().Select(v => new ChartTick(SvgChart.Round(area.Left + (v / scale.Max * area.Width)), format(v))).ToList();
        return new ChartView(title, SvgChart.Width, height, area) { Bars = bars, BottomTicks = xTicks };
    }

    /// <summary>A value per run, left to right, with the current run highlighted.</summary>
    public static ChartView History(string title, IReadOnlyList<(string Label, double Value, bool Current)> points,
        Func<double, string> format, string emptyText)
    {
        if (points.Count == 0)
            return SvgChart.Empty(title, emptyText);
        var area = new ChartArea(72, 48, 960, 228);
        var scale = NiceScale.For(points.Max(p => SvgChart.Finite(p.Value)));
        var step = points.Count > 1 ? area.Width / (points.Count - 1) : 0;
        double XAt(int i) => SvgChart.Round(points.Count > 1 ? area.Left + (i * step) : area.Left + (area.Width / 2));
        double YAt(double v) => SvgChart.Round(area.Bottom - (SvgChart.Finite(v) / scale.Max * area.Height));

        var d = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
            d.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? 'M' : 'L')}{XAt(i)},{YAt(points[i].Value)} ");
        var dots = points.Select((p, i) => new ChartDot(XAt(i), YAt(p.Value), p.Current ? "#e15759" : "#4e79a7",
            $"{p.Label}: {format(p.Value)}", p.Current)).ToList();

        var labelEvery = Math.Max(1, (int)Math.Ceiling(points.Count / 12.0));
        var xTicks = points.Select((p, i) => (p, i))
            .Where(t => t.i % labelEvery == 0 || t.p.Current)
            .Select(t => new ChartTick(XAt(t.i), TextEscaper.Truncate(t.p.Label, 12))).ToList();
        return new ChartView(title, SvgChart.Width, SvgChart.Height, area)
        {
            Paths = [new ChartPath("p95", "#4e79a7", d.ToString().TrimEnd(), Filled: false)],
            Dots = dots,
            BottomTicks = xTicks,
            LeftTicks = SvgChart.LeftTicks(scale, area, format),
        };
    }
}
