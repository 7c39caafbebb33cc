using LoadOps.Cloud.Storage;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Live;

namespace LoadOps.Cloud.Api;

/// <summary>
/// The state of one run as the API shows it (<c>GET /api/runs/{runId}</c>). <see cref="Outcome"/> is what a gate acts
/// on; <see cref="Verdict"/> and <see cref="Headline"/> come from the stored evaluation once the run is reported;
/// <see cref="P95DeltaPercent"/> is the change of the whole run's p95 against its baseline, when there was one.
/// </summary>
public sealed record RunView
{
    public required string RunId { get; init; }
    public string? RequestId { get; init; }
    public required string Test { get; init; }
    public required string Repository { get; init; }
    public string? Commit { get; init; }
    public string? Branch { get; init; }
    public int? PullRequest { get; init; }
    public RunTrigger Trigger { get; init; }
    public RunStatus Status { get; init; }
    public string? StatusReason { get; init; }
    public bool Finished { get; init; }
    public RunOutcome Outcome { get; init; }
    public RunVerdict? Verdict { get; init; }
    public string? Headline { get; init; }
    public double? P95DeltaPercent { get; init; }
    public int ShardCount { get; init; }
    public int ShardsDone { get; init; }

    /// <summary>
    /// Shards that have reported so far (done, failed or missing), counted as each one reports; the split into
    /// <see cref="ShardsDone"/>, <see cref="ShardsMissing"/> and <see cref="ShardsFailed"/> is exact once all have.
    /// </summary>
    public int ShardsReported { get; init; }
    public int ShardsMissing { get; init; }
    public int ShardsFailed { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public IReadOnlyList<RunReportLink> Reports { get; init; } = [];

    /// <summary>The HTML report's URL, or null while the run has none.</summary>
    public string? ReportUrl { get; init; }

    /// <summary>
    /// While the run is under way (dispatched, running, collecting): its figures so far from the runners' interim
    /// snapshots; null before the first snapshot and once the run is past collecting.
    /// </summary>
    public LiveFigures? Live { get; init; }

    /// <summary>Where to poll this run.</summary>
    public string StatusUrl { get; init; } = "";
}
