namespace LoadOps.Core.Reports;

/// <summary>Where to read more. Only http and https addresses are rendered as links.</summary>
public sealed record ReportLinks(string? ReportUrl = null, string? RunUrl = null);
