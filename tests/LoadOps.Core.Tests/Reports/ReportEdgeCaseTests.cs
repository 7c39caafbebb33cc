using System.Text.Json;
using System.Xml;
using LoadOps.Core.Reports;

namespace LoadOps.Core.Tests.Reports;

public sealed class ReportEdgeCaseTests
{
    private static ReportModel Bare() => new()
    {
        RunId = "r1",
        TestName = "empty",
        Start = ReportSamples.Start,
        End = ReportSamples.Start,
        Verdict = ReportVerdict.Inconclusive,
        Headline = "No requests completed",
    };

    [Fact]
    public void A_run_with_nothing_in_it_renders_in_every_format()
    {
        var markdown = ReportSnapshotTests.Render(Bare(), ReportFormat.Markdown);
        Assert.Contains("❔ LoadOps empty: Inconclusive", markdown);
        Assert.DoesNotContain("mermaid", markdown);

        using var slack = JsonDocument.Parse(ReportSnapshotTests.Render(Bare(), ReportFormat.Slack));
        Assert.Equal(3, slack.RootElement.GetProperty("blocks").GetArrayLength());

        var html = ReportSnapshotTests.Render(Bare(), ReportFormat.Html);
        Assert.Contains("No intervals recorded.", html);

        var junit = new XmlDocument();
        junit.LoadXml(ReportSnapshotTests.Render(Bare(), ReportFormat.JUnit));
        Assert.Equal("1", junit.DocumentElement!.GetAttribute("tests"));
    }

    [Fact]
    public void Charts_skip_values_that_are_not_numbers()
    {
        var model = ReportSamples.Regression() with
        {
            Intervals = [new IntervalPoint(ReportSamples.Start, double.NaN, 2_000, double.PositiveInfinity, double.NaN, ErrorCounts.None),
                new IntervalPoint(ReportSamples.Start.AddSeconds(5), 1_000, 3_000, 4_000, 10, new ErrorCounts(Status: 2))],
            Locations = [new LocationRow("x", 0, double.NaN, double.NaN, 0)],
        };

        var html = ReportSnapshotTests.Render(model, ReportFormat.Html);
        var svg = string.Concat(html.Split("<svg").Skip(1));
        Assert.DoesNotContain("NaN", svg);
        Assert.DoesNotContain("Infinity", svg);
        Assert.DoesNotContain("NaN", ReportSnapshotTests.Render(model, ReportFormat.Markdown).Split("```mermaid")[1]);
    }

    [Fact]
    public void JUnit_has_a_case_per_threshold_and_per_regression_check()
    {
        var junit = new XmlDocument();
        junit.LoadXml(ReportSnapshotTests.Render(ReportSamples.Regression(), ReportFormat.JUnit));

        var suite = (XmlElement)junit.SelectSingleNode("//testsuite")!;
        Assert.Equal("11", suite.GetAttribute("tests"));                  // 1 trust + 4 thresholds + 6 metrics
        Assert.Equal(3, suite.SelectNodes("testcase/failure")!.Count);   // 1 threshold + 2 regressions
        Assert.Equal(1, suite.SelectNodes("testcase/skipped")!.Count);   // the inconclusive p99
        Assert.Equal("3", suite.GetAttribute("failures"));
    }

    [Theory]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("not a url", false)]
    [InlineData("https://reports.example.com/a(b).html", true)]
    public void Only_web_links_are_rendered(string url, bool shown)
    {
        var model = ReportSamples.Regression() with { Links = new ReportLinks(url) };

        var markdown = ReportSnapshotTests.Render(model, ReportFormat.Markdown);

        Assert.Equal(shown, markdown.Contains("[Full report](", StringComparison.Ordinal));
        if (shown)
            Assert.Contains("[Full report](https://reports.example.com/a%28b%29.html)", markdown);
    }

    [Fact]
    public void The_comment_marker_names_the_test_so_the_comment_can_be_updated()
    {
        var markdown = ReportSnapshotTests.Render(ReportSamples.Regression() with { TestName = "a-->b" }, ReportFormat.Markdown);

        Assert.StartsWith("<!-- loadops:comment test=a&gt;b -->\n", markdown, StringComparison.Ordinal);
    }
}
