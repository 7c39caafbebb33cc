using System.Text.Json.Serialization;

namespace LoadOps.Core.Results;

/// <summary>
/// The result file, version 1 (CONTRACTS.md): one per shard, and one merged per run.
/// Everything needed to merge exactly is here: counts and HdrHistograms per step and interval.
/// </summary>
public sealed record ResultFile
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;
    public required string RunId { get; init; }

    /// <summary>The shard's id; null on a merged run result.</summary>
    public string? ShardId { get; init; }

    public required string Definition { get; init; }
    public required string DefinitionHash { get; init; }
    public string? Commit { get; init; }
    public string? Branch { get; init; }

    /// <summary>Runner location of a shard (e.g. <c>azure/westeurope</c>); null on a merged result spanning several.</summary>
    public string? Location { get; init; }

    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }

    /// <summary>Length of each interval; intervals start at <see cref="Start"/> rounded down to a multiple of it (wall clock).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    public ResultStatus Status { get; init; } = ResultStatus.Complete;

    /// <summary>Why these numbers may not be believed (runner saturated, schedule lag, partial shards). Empty means trustworthy.</summary>
    public IReadOnlyList<TrustIssue> TrustIssues { get; init; } = [];

    public required IReadOnlyList<StepResult> Steps { get; init; }
    public IReadOnlyList<HealthSample> Health { get; init; } = [];

    /// <summary>The shards this result is made of (one entry for a shard file itself).</summary>
    public IReadOnlyList<ShardInfo> Shards { get; init; } = [];

    /// <summary>
    /// Set when the latencies are not measured samples but rebuilt from another tool's percentiles (an import of Locust's
    /// stats history): says how, and every report shows it. Null: the histograms hold every measured request.
    /// </summary>
    public string? Approximation { get; init; }

    /// <summary>How the run was made when out of the ordinary (insecure TLS, HTTP/2, launch overrides); null when plain or in files that predate it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RunSettings? Settings { get; init; }

    public bool IsTrustworthy => TrustIssues.Count == 0;
}

public enum ResultStatus
{
    /// <summary>Ran the whole schedule.</summary>
    Complete,

    /// <summary>Stopped early (SIGTERM, crash recovery from a snapshot); the numbers cover what ran.</summary>
    Partial,

    /// <summary>A merged result where some shards never reported.</summary>
    Incomplete,

    /// <summary>An interim snapshot written while the shard is still running.</summary>
    Running,
}

/// <summary>A reason not to trust a result, in words a reviewer understands.</summary>
public sealed record TrustIssue(string Code, string Message, string? ShardId = null);

/// <summary>A shard as seen from a result: where it ran and how it ended.</summary>
public sealed record ShardInfo(string ShardId, int Index, string Location, ResultStatus Status);
