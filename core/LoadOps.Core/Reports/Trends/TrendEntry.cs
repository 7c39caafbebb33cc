using LoadOps.Core.Definitions;
using LoadOps.Core.Results;

namespace LoadOps.Core.Reports.Trends;

/// <summary>
/// One earlier run of a test as the history page shows it: who made it (commit, branch, trigger), how it was judged,
/// and its whole-run figures. Latencies are microseconds, errors a fraction; a figure the run did not measure is null.
/// </summary>
public sealed record TrendEntry(string RunId, DateTimeOffset Start)
{
    public string? Commit { get; init; }
    public string? Branch { get; init; }

    /// <summary>What started the run: push, pull_request, schedule, api, local…</summary>
    public string? Trigger { get; init; }

    /// <summary>How the run was judged (pass, regression…), when known.</summary>
    public string? Verdict { get; init; }

    /// <summary>False for partial or untrustworthy runs: shown, but never a change point's evidence.</summary>
    public bool Trustworthy { get; init; } = true;

    /// <summary>Someone accepted this run's level as the baseline.</summary>
    public bool Accepted { get; init; }

    public double? P50 { get; init; }
    public double? P95 { get; init; }
    public double? P99 { get; init; }
    public double? Rps { get; init; }
    public double? Errors { get; init; }
    public long? Requests { get; init; }

    /// <summary>The figure of a metric this page tracks; null for the others.</summary>
    public double? Value(Metric metric) => metric switch
    {
        Metric.P50 => P50,
        Metric.P95 => P95,
        Metric.P99 => P99,
        Metric.Rps => Rps,
        Metric.Errors => Errors,
        _ => null,
    };

    /// <summary>The entry of a merged run result and its summary.</summary>
    public static TrendEntry FromResult(ResultFile result, ResultSummary summary)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(summary);
        var overall = summary.Overall;
        return new TrendEntry(result.RunId, result.Start)
        {
            Commit = result.Commit,
            Branch = result.Branch,
            Trustworthy = summary.IsTrustworthy,
            P50 = overall.Value(Metric.P50),
            P95 = overall.Value(Metric.P95),
            P99 = overall.Value(Metric.P99),
            Rps = overall.Value(Metric.Rps),
            Errors = overall.Value(Metric.Errors),
            Requests = overall.Totals.Total,
        };
    }
}
