namespace LoadOps.Pipeline;

/// <summary>The outcome of <see cref="IShardRepository.MarkDoneAsync"/> and the run with its recounted shard totals.</summary>
public sealed record ShardDoneResult(ShardDoneOutcome Outcome, RunRecord? Run);
