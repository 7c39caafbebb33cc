using LoadOps.Core.Reports;

namespace LoadOps.Core.Tests.Reports;

public sealed class ReportCostTests
{
    [Fact]
    public void The_markdown_report_shows_the_cost_estimate_when_the_run_has_one()
    {
        var renderer = new ReportRenderer();
        var with = renderer.Render(ReportSamples.Regression() with { CostEstimate = "est. 8.0 runner-minutes, 3.00 USD (azure/westeurope 2.00)" }, ReportFormat.Markdown);
        var without = renderer.Render(ReportSamples.Regression(), ReportFormat.Markdown);

        Assert.Contains("Runner cost: est. 8.0 runner-minutes, 3.00 USD (azure/westeurope 2.00)", with.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Runner cost", without.Text, StringComparison.Ordinal);
    }
}
