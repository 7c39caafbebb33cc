using LoadOps.Core.Reports.Trends;

namespace LoadOps.Core.Reports.Charts;

/// <summary>The history page's charts (<c>charts.*</c> in <c>history.html.scriban</c>).</summary>
internal sealed record TrendCharts(ChartView Latency, ChartView Throughput, ChartView Errors)
{
    public static TrendCharts From(TrendModel model)
    {
        const string noRuns = "No runs in the history yet.";
        var latency = TrendChart.Lines("Latency per run (p50, p95, p99)", model,
        [
            ("p50", "#4e79a7", e => e.P50),
            ("p95", "#f28e2b", e => e.P95),
            ("p99", "#e15759", e => e.P99),
        ], ValueText.Latency, noRuns);
        var throughput = TrendChart.Lines("Throughput per run", model, [("rps", "#59a14f", e => e.Rps)], ValueText.Rps, noRuns);
        var errors = TrendChart.Lines("Error rate per run", model, [("errors", "#b07aa1", e => e.Errors)], ValueText.Percent, noRuns);
        return new TrendCharts(latency, throughput, errors);
    }
}
