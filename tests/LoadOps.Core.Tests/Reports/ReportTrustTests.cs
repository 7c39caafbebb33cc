using System.Text.Json;
using System.Xml;
using LoadOps.Core.Reports;

namespace LoadOps.Core.Tests.Reports;

public sealed class ReportTrustTests
{
    private const string Warning = "runner CPU above 90% for 40% of the run";

    [Theory]
    [InlineData(ReportFormat.Markdown, "| Step")]
    [InlineData(ReportFormat.Html, "<h2>")]
    [InlineData(ReportFormat.JUnit, "p95 &lt; 300ms")]
    public void Trust_warnings_come_before_any_result(ReportFormat format, string firstResult)
    {
        var text = ReportSnapshotTests.Render(ReportSamples.UntrustedPass(), format);

        var warning = text.IndexOf(Warning, StringComparison.Ordinal);
        var result = text.IndexOf(firstResult, StringComparison.Ordinal);
        Assert.True(warning >= 0, "the warning is missing");
        Assert.True(result > warning, $"'{firstResult}' appears before the trust warning");
    }

    [Fact]
    public void Slack_puts_the_trust_warnings_right_under_the_header()
    {
        using var slack = JsonDocument.Parse(ReportSnapshotTests.Render(ReportSamples.UntrustedPass(), ReportFormat.Slack));

        var second = slack.RootElement.GetProperty("blocks")[1].GetProperty("text").GetProperty("text").GetString();
        Assert.Contains(Warning, second);
    }

    [Fact]
    public void A_pass_with_trust_warnings_is_never_shown_as_a_pass()
    {
        var model = ReportSamples.UntrustedPass();

        var markdown = ReportSnapshotTests.Render(model, ReportFormat.Markdown);
        Assert.DoesNotContain("✅ LoadOps", markdown);
        Assert.Contains("Not trustworthy", markdown.Split('\n')[1]);

        using var slack = JsonDocument.Parse(ReportSnapshotTests.Render(model, ReportFormat.Slack));
        Assert.StartsWith("⚠️", slack.RootElement.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString());

        var html = ReportSnapshotTests.Render(model, ReportFormat.Html);
        Assert.Contains("class=\"verdict untrusted\"", html);

        var junit = new XmlDocument();
        junit.LoadXml(ReportSnapshotTests.Render(model, ReportFormat.JUnit));
        Assert.NotEqual("0", junit.DocumentElement!.GetAttribute("failures"));
    }

    [Fact]
    public void A_trusted_pass_is_shown_as_a_pass()
    {
        var model = ReportSamples.UntrustedPass() with { TrustWarnings = [] };

        var markdown = ReportSnapshotTests.Render(model, ReportFormat.Markdown);
        Assert.Contains("✅ LoadOps checkout: Pass", markdown);
        Assert.DoesNotContain("[!WARNING]", markdown);
    }
}
