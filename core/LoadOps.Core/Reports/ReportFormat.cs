namespace LoadOps.Core.Reports;

public enum ReportFormat
{
    /// <summary>GitHub-flavoured Markdown for the sticky PR comment.</summary>
    Markdown,

    /// <summary>Slack Block Kit message JSON.</summary>
    Slack,

    /// <summary>Self-contained HTML page with inline SVG charts.</summary>
    Html,

    /// <summary>JUnit XML for CI test reporters.</summary>
    JUnit,
}
