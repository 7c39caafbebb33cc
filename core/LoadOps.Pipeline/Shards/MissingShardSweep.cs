namespace LoadOps.Pipeline;

/// <summary>The shards <see cref="IShardRepository.MarkMissingAfterDeadlineAsync"/> gave up on, and the run recounted.</summary>
public sealed record MissingShardSweep(IReadOnlyList<string> MissingShardIds, RunRecord? Run);
