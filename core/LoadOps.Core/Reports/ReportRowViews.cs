namespace LoadOps.Core.Reports;

// Formatted rows the templates lay out (snake_case in templates: metric_row.baseline, …). Strings are raw user
// text or formatted numbers: templates escape them for their format with esc_html, esc_md, esc_json, esc_xml, …

internal sealed record WarningView(string Kind, string Message, string? Shard);

internal sealed record MetricRowView(
    string Step, string Metric, string Baseline, string Current, string Delta, string Significance,
    string Verdict, string Emoji, bool Failing, bool Skipped);

internal sealed record ThresholdView(string Text, string? Step, string Metric, string Actual, string Limit, bool Passed);

internal sealed record LocationView(string Location, string Requests, string Rps, string P95, string Errors, string ErrorRate);

internal sealed record HistoryView(string Label, string RunId, string? Commit, string P95, bool IsCurrent);

/// <summary>One JUnit test case; Outcome is passed, failure or skipped.</summary>
internal sealed record JUnitCaseView(string ClassName, string Name, string Outcome, string Message, string Detail);

internal sealed record FailureView(string Step, string Requests, string Failed, string ByKind, IReadOnlyList<ErrorKindView> Kinds);

internal sealed record ErrorKindView(string Kind, string Count, string? Sample);

internal sealed record RepeatView(int Look, string RunId, string Verdict, string Headline);
