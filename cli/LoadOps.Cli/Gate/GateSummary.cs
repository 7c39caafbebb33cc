namespace LoadOps.Cli.Gate;

/// <summary>
/// <c>summary.json</c> beside <c>report.md</c>: the gate's verdict and the run that decided it, for scripts (action.yml
/// reads <c>reportUrl</c> and <c>p95DeltaPercent</c> with jq). Null fields are written as null.
/// </summary>
internal sealed record GateSummary(
    string Verdict,
    int ExitCode,
    string? RunId,
    string Status,
    string? Headline,
    string? ReportUrl,
    double? P95DeltaPercent,
    string Repository,
    string Commit,
    IReadOnlyList<GateRunSummary> Runs);
