using LoadOps.Core.Reports;
using LoadOps.Core.Reports.Charts;

namespace LoadOps.Core.Tests.Reports.Charts;

public sealed class SvgChartTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset[] Times = [T0, T0.AddSeconds(5), T0.AddSeconds(10), T0.AddSeconds(15)];

    [Theory]
    [InlineData(9, 10, 2.5)]
    [InlineData(268_000, 300_000, 100_000)]
    [InlineData(0.8, 0.8, 0.2)]
    [InlineData(0, 1, 0.25)]
    public void Scales_end_on_round_numbers(double max, double niceMax, double step) =>
        Assert.Equal(new NiceScale(niceMax, step), NiceScale.For(max));

    [Fact]
    public void Count_scales_tick_on_whole_numbers()
    {
        var scale = NiceScale.For(9, wholeNumbers: true);
        Assert.All(scale.Ticks(), t => Assert.Equal(Math.Floor(t), t));
    }

    [Fact]
    public void A_line_breaks_where_an_interval_has_no_data()
    {
        var chart = SvgChart.Lines("latency", Times, [new ChartSeries("p95", "#000", [1_000, null, 2_000, 3_000])], v => $"{v}", "none");

        var d = chart.Paths.Single().D;
        Assert.Equal(2, d.Count(c => c == 'M'));
        Assert.Equal(1, d.Count(c => c == 'L'));
    }

    [Fact]
    public void Line_points_sit_inside_the_plot_with_the_highest_value_below_the_top()
    {
        var chart = SvgChart.Lines("rps", Times, [new ChartSeries("rps", "#000", [10, 20, 30, 40])], v => $"{v}", "none");

        var points = chart.Paths.Single().D.Split(' ').Select(p => p[1..].Split(',').Select(double.Parse).ToArray()).ToList();
        Assert.All(points, p => Assert.InRange(p[0], chart.Plot.Left, chart.Plot.Right));
        Assert.All(points, p => Assert.InRange(p[1], chart.Plot.Top, chart.Plot.Bottom));
        Assert.True(points[3][1] < points[0][1], "a larger value must be drawn higher");
        Assert.Equal(["09:30:00", "09:30:20"], new[] { chart.BottomTicks[0].Label, chart.BottomTicks[^1].Label });
    }

    [Fact]
    public void Stacked_columns_stack_kinds_and_leave_out_kinds_without_errors()
    {
        var chart = SvgChart.StackedColumns("errors", Times,
        [
            new ChartSeries("status", "#a00", [1, 2, 0, 4]),
            new ChartSeries("timeout", "#0a0", [3, 0, 0, 0]),
            new ChartSeries("connect", "#00a", [0, 0, 0, 0]),
        ], v => $"{v}", "No errors.");

        Assert.Equal(["status", "timeout"], chart.Legend.Select(l => l.Name));
        var first = chart.Rects.Where(r => r.Title.StartsWith("09:30:00", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, first.Count);
        Assert.Equal(first[0].Y, first[1].Y + first[1].Height, precision: 0);   // timeout sits on top of status
        Assert.Equal(chart.Plot.Height, chart.Rects.Max(r => r.Height), precision: 0); // the largest total fills the plot
    }

    [Fact]
    public void Charts_without_data_say_so()
    {
        Assert.Equal("No errors.", SvgChart.StackedColumns("e", Times, [new ChartSeries("s", "#a00", [0, 0, 0, 0])], v => "", "No errors.").EmptyText);
        Assert.False(SvgChart.Lines("l", [], [], v => "", "No data.").HasData);
        Assert.False(CategoryChart.Bars("b", [], "#000", v => "", "No data.").HasData);
    }

    [Fact]
    public void Bars_are_proportional_to_their_values()
    {
        var chart = CategoryChart.Bars("p95", [("a", 100), ("b", 200)], "#000", v => $"{v}", "none");

        Assert.Equal(chart.Bars[0].Width * 2, chart.Bars[1].Width, precision: 0);
    }

    [Fact]
    public void Mermaid_latency_keeps_spikes_when_it_thins_out_a_long_run()
    {
        var intervals = Enumerable.Range(0, 400)
            .Select(i => new IntervalPoint(T0.AddSeconds(5 * i), 1_000, i == 217 ? 900_000 : 2_000, 3_000, 10, ErrorCounts.None))
            .ToList();

        var chart = MermaidChart.Latency(intervals);

        var p95 = chart.Lines[1].Trim('[', ']').Split(", ");
        Assert.Equal(MermaidChart.MaxPoints, p95.Length);
        Assert.Contains("900", p95);
        Assert.Equal("\"ms\" 0 --> 1000", chart.ValueAxis);
    }
}
