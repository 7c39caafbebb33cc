using LoadOps.Core.Reports;

namespace LoadOps.Cli.Report;

/// <summary>The <c>--format</c> names of <c>loadops report</c> and the file names <c>loadops run</c> writes.</summary>
internal static class ReportFormats
{
    public static readonly IReadOnlyDictionary<string, ReportFormat> ByName = new Dictionary<string, ReportFormat>(StringComparer.OrdinalIgnoreCase)
    {
        ["md"] = ReportFormat.Markdown,
        ["html"] = ReportFormat.Html,
        ["slack"] = ReportFormat.Slack,
        ["junit"] = ReportFormat.JUnit,
    };

    public static string FileName(ReportFormat format) => format switch
    {
        ReportFormat.Markdown => "report.md",
        ReportFormat.Html => "report.html",
        ReportFormat.Slack => "report.slack.json",
        _ => "report.junit.xml",
    };
}
