namespace LoadOps.Cli.Gate;

/// <summary>One run the gate waited for.</summary>
internal sealed record GateRunSummary(string RunId, string Test, string Status, string Outcome, string? Verdict, string? Headline, string? ReportUrl, double? P95DeltaPercent);
