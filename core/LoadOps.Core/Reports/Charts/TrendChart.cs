using System.Globalization;
using System.Text;
using LoadOps.Core.Reports.Trends;

namespace LoadOps.Core.Reports.Charts;

/// <summary>
/// A value per run over the runs of a test (oldest left), one line per series, each point with the run's tooltip;
/// change points and accepted baselines are thin vertical marks with their own tooltips.
/// </summary>
internal static class TrendChart
{
    private const string ChangeColor = "#cf222e";
    private const string AcceptedColor = "#1a7f37";
    private static readonly ChartArea Area = new(72, 48, 960, 228);

    public static ChartView Lines(string title, TrendModel model, IReadOnlyList<(string Name, string Color, Func<TrendEntry, double?> Value)> series,
        Func<double, string> format, string emptyText)
    {
        var entries = model.Entries;
        var max = entries.SelectMany(e => series.Select(s => s.Value(e))).Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value)
            .DefaultIfEmpty(double.NaN).Max();
        if (entries.Count == 0 || double.IsNaN(max))
            return SvgChart.Empty(title, emptyText);

        var scale = NiceScale.For(max);
        var step = entries.Count > 1 ? Area.Width / (entries.Count - 1) : 0;
        double XAt(int i) => SvgChart.Round(entries.Count > 1 ? Area.Left + (i * step) : Area.Left + (Area.Width / 2));
        double YAt(double v) => SvgChart.Round(Area.Bottom - (SvgChart.Finite(v) / scale.Max * Area.Height));

        var paths = new List<ChartPath>();
        var dots = new List<ChartDot>();
        foreach (var (name, color, value) in series)
        {
            var d = new StringBuilder();
            var penDown = false;
            for (var i = 0; i < entries.Count; i++)
            {
                if (value(entries[i]) is not { } v || !double.IsFinite(v))
                {
                    penDown = false;
                    continue;
                }
                d.Append(CultureInfo.InvariantCulture, $"{(penDown ? 'L' : 'M')}{XAt(i)},{YAt(v)} ");
                penDown = true;
                dots.Add(new ChartDot(XAt(i), YAt(v), entries[i].Trustworthy ? color : "#8c959f",
                    $"{name} {format(v)} · {TrendView.Hover(entries[i])}", entries[i].Accepted));
            }
            paths.Add(new ChartPath(name, color, d.ToString().TrimEnd(), Filled: false));
        }

        var marks = new List<ChartRect>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            foreach (var change in model.ChangePoints.Where(c => c.RunId == entry.RunId))
                marks.Add(Mark(XAt(i), ChangeColor, $"change point: {change.Metric.ToString().ToLowerInvariant()} " +
                    $"{ValueText.Delta(change.RelativeChange * 100)} from run {entry.RunId} (commit {TrendView.Short(entry.Commit)})"));
            if (entry.Accepted)
                marks.Add(Mark(XAt(i), AcceptedColor, $"accepted baseline: run {entry.RunId} (commit {TrendView.Short(entry.Commit)})"));
        }

        var labelEvery = Math.Max(1, (int)Math.Ceiling(entries.Count / 10.0));
        var xTicks = entries.Select((e, i) => (e, i)).Where(t => t.i % labelEvery == 0 || t.i == entries.Count - 1)
            .Select(t => new ChartTick(XAt(t.i), TrendView.Short(t.e.Commit))).ToList();
        return new ChartView(title, SvgChart.Width, SvgChart.Height, Area)
        {
            Paths = paths,
            Dots = dots,
            Rects = marks,
            BottomTicks = xTicks,
            LeftTicks = SvgChart.LeftTicks(scale, Area, format),
            Legend = SvgChart.Legend(series.Select(s => (s.Name, s.Color)), Area.Left),
        };
    }

    private static ChartRect Mark(double x, string color, string title) =>
        new(SvgChart.Round(x - 1.5), Area.Top, 3, Area.Height, color, title);
}
