namespace LoadOps.Core.Reports;

/// <summary>One run of a repeated candidate and the pooled verdict after it.</summary>
public sealed record RepeatRow(int Look, string RunId, ReportVerdict VerdictAfter, string HeadlineAfter);
