using LoadOps.Core.Pipeline;

namespace LoadOps.Pipeline;

/// <summary>One run of one test: who started it, where it is, and how many of its shards have reported.</summary>
public sealed record RunRecord
{
    public required string RunId { get; init; }
    public required string TestName { get; init; }
    public required string DefinitionHash { get; init; }
    public required string Repo { get; init; }
    public string? Commit { get; init; }
    public string? Branch { get; init; }
    public int? PullRequest { get; init; }
    public required RunTrigger Trigger { get; init; }

    /// <summary>The GitHub App installation the run's repository is read and published through (null: the configured one).</summary>
    public long? InstallationId { get; init; }

    /// <summary>
    /// The ref <c>.loadops/policy.yaml</c> is read at: the base branch for a pull request (never the PR's own file),
    /// null for the run's commit.
    /// </summary>
    public string? PolicyRef { get; init; }

    /// <summary>The <see cref="RunRequest.RequestId"/> that created the run (null for runs stored before it was recorded).</summary>
    public string? RequestId { get; init; }

    public RunStatus Status { get; init; } = RunStatus.Queued;

    /// <summary>Why the run is in its status, in words for a person (mostly for failed and timed-out).</summary>
    public string? StatusReason { get; init; }

    /// <summary>Set by the store on create.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set by the store on every write.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    public int ShardCount { get; init; }
    public int ShardsDone { get; init; }
    public int ShardsMissing { get; init; }
    public int ShardsFailed { get; init; }

    /// <summary>
    /// Shards whose own row this run has seen turn final, incremented once per transition (a duplicate report does not
    /// move a row, so it adds nothing). Only a hint of when the totals may be complete: the done, missing and failed
    /// totals above come from a recount of the shard rows, made when this hint reaches <see cref="ShardCount"/>.
    /// </summary>
    public int ShardsReported { get; init; }

    /// <summary>When a worker moved the run to collecting and began its merge; another worker takes over only after a lease.</summary>
    public DateTimeOffset? MergeStartedAt { get; init; }

    /// <summary>Latest moment shards may report; after it, unreported shards are marked missing.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Blob name of the merged result in the results container.</summary>
    public string? ResultBlobName { get; init; }

    /// <summary>Blob names of the rendered reports in the reports container.</summary>
    public IReadOnlyList<string> ReportBlobNames { get; init; } = [];

    /// <summary>Estimated runner-minutes of the run, recorded before dispatch (null: no estimate was made).</summary>
    public double? EstimatedRunnerMinutes { get; init; }

    /// <summary>Estimated cost in <see cref="CostCurrency"/>, recorded before dispatch.</summary>
    public double? EstimatedCost { get; init; }

    public string? CostCurrency { get; init; }

    /// <summary>The estimate in words, per location, as shown in the run's status and report.</summary>
    public string? CostEstimate { get; init; }

    public bool IsTerminal => RunStatusRules.IsTerminal(Status);

    /// <summary>True when the recount is worth making: the hint says every shard may have finished.</summary>
    public bool MayBeComplete => ShardCount > 0 && ShardsReported >= ShardCount;

    /// <summary>True once every shard is done, missing or failed, so the run can be merged.</summary>
    public bool AllShardsAccountedFor => ShardCount > 0 && ShardsDone + ShardsMissing + ShardsFailed >= ShardCount;
}
