using LoadOps.Core.Reports;

namespace LoadOps.Core.Tests.Reports;

/// <summary>Requests, dropped arrivals, failures by step and repeats are shown in every format.</summary>
public sealed class ReportRequestsTests
{
    private static ReportModel Saturated() => ReportSamples.UntrustedPass() with
    {
        Requests = new RequestCounts(52_302, 12, 57_698, 110_000, "timeout 12"),
        Failures = [new StepFailures("buy/add-to-cart", 20_000, 12, "timeout 12") { Kinds = [new ErrorKindRow("timeout after 30s", 12, "request timed out")] }],
        Repeats = [new RepeatRow(1, "run-a", ReportVerdict.Pass, "first"), new RepeatRow(2, "run-b", ReportVerdict.Pass, "pooled")],
    };

    [Theory]
    [InlineData(ReportFormat.Markdown)]
    [InlineData(ReportFormat.Html)]
    [InlineData(ReportFormat.Slack)]
    [InlineData(ReportFormat.JUnit)]
    public void Dropped_arrivals_are_shown_wherever_requests_are(ReportFormat format)
    {
        // The bug this pins: a saturated run read "52,302 requests, errors 0%", never "dropped".
        var text = ReportSnapshotTests.Render(Saturated(), format);
        Assert.Contains("52,302 requests, 12 failed (timeout 12), 57,698 of 110,000 arrivals dropped (52.45%)", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReportFormat.Markdown)]
    [InlineData(ReportFormat.Html)]
    [InlineData(ReportFormat.JUnit)]
    public void Failures_by_step_and_every_repeat_are_listed(ReportFormat format)
    {
        var text = ReportSnapshotTests.Render(Saturated(), format);
        Assert.Contains("buy/add-to-cart", text, StringComparison.Ordinal);
        Assert.Contains("run-a", text, StringComparison.Ordinal);
        Assert.Contains("run-b", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_error_kind_table_is_shown_when_the_result_carries_it()
    {
        var markdown = ReportSnapshotTests.Render(Saturated(), ReportFormat.Markdown);
        Assert.Contains("↳ timeout after 30s", markdown, StringComparison.Ordinal);
        Assert.Contains("request timed out", markdown, StringComparison.Ordinal);
    }
}
