using LoadOps.Core.Reports;

namespace LoadOps.Cloud.Pipeline;

/// <summary>The report files the pipeline publishes for every run, with their names and content types.</summary>
public static class ReportFiles
{
    public static IReadOnlyList<(ReportFormat Format, string FileName, string ContentType)> All { get; } =
    [
        (ReportFormat.Markdown, "report.md", "text/markdown; charset=utf-8"),
        (ReportFormat.Html, "report.html", "text/html; charset=utf-8"),
        (ReportFormat.JUnit, "report.junit.xml", "application/xml"),
        (ReportFormat.Slack, "report.slack.json", "application/json"),
    ];
}
