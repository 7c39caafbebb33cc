namespace LoadOps.Core.Reports;

/// <summary>The report files every run gets (from the pipeline and from <c>loadops run</c>), with their names and content types.</summary>
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
