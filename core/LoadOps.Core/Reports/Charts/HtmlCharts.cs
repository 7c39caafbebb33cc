namespace LoadOps.Core.Reports.Charts;

/// <summary>The HTML report's charts (<c>charts.*</c> in the template).</summary>
internal sealed record HtmlCharts(
    ChartView Latency, ChartView Throughput, ChartView Errors, ChartView LocationP95, ChartView LocationRps, ChartView History)
{
    public static HtmlCharts From(ReportModel model)
    {
        var times = model.Intervals.Select(p => p.Time).ToList();
        var noData = "No intervals recorded.";
        var latency = SvgChart.Lines("Latency percentiles over the run", times,
        [
            new ChartSeries("p50", "#4e79a7", model.Intervals.Select(p => p.P50).ToList()),
            new ChartSeries("p95", "#f28e2b", model.Intervals.Select(p => p.P95).ToList()),
            new ChartSeries("p99", "#e15759", model.Intervals.Select(p => p.P99).ToList()),
        ], ValueText.Latency, noData);
        var throughput = SvgChart.Lines("Throughput (completed requests per second)", times,
            [new ChartSeries("rps", "#59a14f", model.Intervals.Select(p => (double?)p.Rps).ToList())], ValueText.Rps, noData);
        var errors = SvgChart.StackedColumns("Errors per interval by kind", times,
        [
            new ChartSeries("status", "#e15759", model.Intervals.Select(p => (double?)p.Errors.Status).ToList()),
            new ChartSeries("timeout", "#f28e2b", model.Intervals.Select(p => (double?)p.Errors.Timeout).ToList()),
            new ChartSeries("connect", "#b07aa1", model.Intervals.Select(p => (double?)p.Errors.Connect).ToList()),
            new ChartSeries("check", "#edc948", model.Intervals.Select(p => (double?)p.Errors.Check).ToList()),
            new ChartSeries("other", "#9c755f", model.Intervals.Select(p => (double?)p.Errors.Other).ToList()),
        ], v => ValueText.Count((long)Math.Round(v)), model.Intervals.Count == 0 ? noData : "No errors.");
        var locationP95 = CategoryChart.Bars("p95 by location", model.Locations.Select(l => (l.Location, l.P95)).ToList(),
            "#f28e2b", ValueText.Latency, "No per-location data.");
        var locationRps = CategoryChart.Bars("Throughput by location", model.Locations.Select(l => (l.Location, l.Rps)).ToList(),
            "#59a14f", ValueText.Rps, "No per-location data.");
        var history = CategoryChart.History("p95 over the last runs",
            model.History.Select(h => (MermaidChart.HistoryLabel(h), h.P95, h.IsCurrent)).ToList(),
            ValueText.Latency, "No earlier runs.");
        return new HtmlCharts(latency, throughput, errors, locationP95, locationRps, history);
    }
}
