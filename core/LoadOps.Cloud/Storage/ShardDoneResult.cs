namespace LoadOps.Cloud.Storage;

/// <summary>The outcome of <see cref="ShardStore.MarkDoneAsync"/> and the run with its recounted shard totals.</summary>
public sealed record ShardDoneResult(ShardDoneOutcome Outcome, RunRecord? Run);
