using LoadOps.Core.Definitions;
using LoadOps.Core.Reports;

namespace LoadOps.Core.Tests.Reports;

public sealed class MarkdownSizeTests
{
    [Fact]
    public void A_huge_run_still_fits_in_a_github_comment()
    {
        var model = ReportSamples.UntrustedPass() with
        {
            Metrics = Enumerable.Range(0, 5_000)
                .Select(i => new MetricRow($"/api/step-{i}", Metric.P95, 1_000 + i, 1_100 + i, 10, "significant", ReportVerdict.Regression))
                .ToList(),
            Locations = Enumerable.Range(0, 500).Select(i => new LocationRow($"pool/lab-{i}", 100, 1, 1_000, 0)).ToList(),
            Intervals = Enumerable.Range(0, 2_000)
                .Select(i => new IntervalPoint(ReportSamples.Start.AddSeconds(5 * i), 1_000, 2_000 + i, 3_000, 10, ErrorCounts.None))
                .ToList(),
        };

        var markdown = ReportSnapshotTests.Render(model, ReportFormat.Markdown);

        Assert.InRange(markdown.Length, 30_000, ReportRenderer.MarkdownLimit);
        Assert.Contains("table rows left out to fit GitHub's comment size limit", markdown);
        Assert.Contains("runner CPU above 90%", markdown);          // the warnings survive the cut
        Assert.Contains("| /api/step-0 |", markdown);
        Assert.DoesNotContain("| /api/step-4999 |", markdown);
    }

    [Fact]
    public void An_enormous_headline_is_cut_at_the_limit()
    {
        var model = ReportSamples.Regression() with { Headline = new string('x', 200_000) };

        var markdown = ReportSnapshotTests.Render(model, ReportFormat.Markdown);

        Assert.InRange(markdown.Length, ReportRenderer.MarkdownLimit - 500, ReportRenderer.MarkdownLimit);
        Assert.EndsWith("the HTML report has everything._\n", markdown, StringComparison.Ordinal);
    }
}
