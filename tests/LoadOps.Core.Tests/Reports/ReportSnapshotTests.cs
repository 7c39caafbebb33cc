using LoadOps.Core.Reports;

namespace LoadOps.Core.Tests.Reports;

public sealed class ReportSnapshotTests
{
    [Theory]
    [InlineData(ReportFormat.Markdown, "regression.md")]
    [InlineData(ReportFormat.Slack, "regression.slack.json")]
    [InlineData(ReportFormat.Html, "regression.html")]
    [InlineData(ReportFormat.JUnit, "regression.junit.xml")]
    public void Regression_report_matches_its_snapshot(ReportFormat format, string snapshot) =>
        SnapshotFile.Match(snapshot, Render(ReportSamples.Regression(), format));

    [Theory]
    [InlineData(ReportFormat.Markdown, "untrusted-pass.md")]
    [InlineData(ReportFormat.Slack, "untrusted-pass.slack.json")]
    [InlineData(ReportFormat.Html, "untrusted-pass.html")]
    [InlineData(ReportFormat.JUnit, "untrusted-pass.junit.xml")]
    public void Untrusted_pass_report_matches_its_snapshot(ReportFormat format, string snapshot) =>
        SnapshotFile.Match(snapshot, Render(ReportSamples.UntrustedPass(), format));

    internal static string Render(ReportModel model, ReportFormat format)
    {
        var outcome = new ReportRenderer().Render(model, format);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Errors));
        return outcome.Text!;
    }
}
