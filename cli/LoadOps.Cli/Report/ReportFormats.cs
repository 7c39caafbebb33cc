using LoadOps.Core.Reports;

namespace LoadOps.Cli.Report;

/// <summary>The <c>--format</c> names of <c>loadops report</c>.</summary>
internal static class ReportFormats
{
    public static readonly IReadOnlyDictionary<string, ReportFormat> ByName = new Dictionary<string, ReportFormat>(StringComparer.OrdinalIgnoreCase)
    {
        ["md"] = ReportFormat.Markdown,
        ["html"] = ReportFormat.Html,
        ["slack"] = ReportFormat.Slack,
        ["junit"] = ReportFormat.JUnit,
    };
}
