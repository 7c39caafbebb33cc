using LoadOps.Core.Definitions;

namespace LoadOps.Core.Planning;

/// <summary>
/// Everything one runner needs to run its share of a test, handed to it as JSON (a file, a queue message or an
/// environment variable). The definition travels already validated; runners never parse YAML.
/// </summary>
public sealed record ShardSpec
{
    public required string RunId { get; init; }
    public required string ShardId { get; init; }

    /// <summary>0-based position of this shard among <see cref="ShardCount"/>; decides its share of the load.</summary>
    public required int ShardIndex { get; init; }
    public required int ShardCount { get; init; }
    public required string Location { get; init; }

    /// <summary>The common start time of all shards of the run, so their load adds up at every instant.</summary>
    public required DateTimeOffset StartAt { get; init; }

    public required LoadTestDefinition Definition { get; init; }
    public required string DefinitionHash { get; init; }
    public string? Commit { get; init; }
    public string? Branch { get; init; }

    /// <summary>Interval length of the result; interim snapshots are written at each interval's end.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a runner with an interim grant (<see cref="Pipeline.PoolWorkItem.InterimUploadUrl"/>) uploads its
    /// result so far for the pipeline's live figures; runners without one (<c>loadops run</c>) ignore it.
    /// </summary>
    public TimeSpan SnapshotUploadInterval { get; init; } = PlanOptions.DefaultSnapshotUploadInterval;

    /// <summary>Latest moment the shard may still be running; a runner stops itself at this point.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>
    /// The rows of the definition's data sets this shard may use, in the definition's order: the whole file for
    /// sequential and random sets, a range disjoint from every other shard's for unique sets. Rows travel here so a
    /// runner needs no access to the repository.
    /// </summary>
    public IReadOnlyList<Data.DataTable> Data { get; init; } = [];
}
