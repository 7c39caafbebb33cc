using LoadOps.Core.Planning;

namespace LoadOps.Pipeline;

/// <summary>One shard of a run as the pipeline tracks it (the work itself travels as a ShardSpec).</summary>
public sealed record ShardRecord
{
    public required string RunId { get; init; }
    public required string ShardId { get; init; }
    public required int Index { get; init; }
    public required string Location { get; init; }
    public ShardStatus Status { get; init; } = ShardStatus.Pending;
    public string? StatusReason { get; init; }
    public DateTimeOffset? LaunchedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Blob name of the shard's result in the results container, once done.</summary>
    public string? ResultBlobName { get; init; }

    /// <summary>What the launcher needs to find the runner again: container group id, ECS task ARN, agent name.</summary>
    public string? LauncherHandle { get; init; }

    /// <summary>The runner holds cloud resources (container group, task) that the runner sweep has not released yet.</summary>
    public bool TeardownPending { get; init; }

    /// <summary>When the runner sweep deleted or stopped the runner's resources.</summary>
    public DateTimeOffset? TornDownAt { get; init; }

    /// <summary>
    /// The run's <see cref="RunRecord.ShardsReported"/> hint has counted this shard's final state. Set after the count,
    /// so a worker that dies in between leaves it false and the redelivered report counts the shard then.
    /// </summary>
    public bool CountedOnRun { get; init; }

    /// <summary>Done, missing and failed shards never change again.</summary>
    public bool IsFinal => Status is ShardStatus.Done or ShardStatus.Missing or ShardStatus.Failed;

    /// <summary>The pending shard row for a planned shard.</summary>
    public static ShardRecord Pending(ShardSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new ShardRecord { RunId = spec.RunId, ShardId = spec.ShardId, Index = spec.ShardIndex, Location = spec.Location };
    }
}
