namespace LoadOps.Cloud.Storage;

/// <summary>The shards <see cref="ShardStore.MarkMissingAfterDeadlineAsync"/> gave up on, and the run recounted.</summary>
public sealed record MissingShardSweep(IReadOnlyList<string> MissingShardIds, RunRecord? Run);
