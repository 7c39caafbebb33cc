namespace LoadOps.Pipeline;

/// <summary>
/// A run's shard rows, as the stages need them. Every write is idempotent and changes one row under optimistic
/// concurrency, because at-least-once queues redeliver: a repeated or late call returns what happened instead of
/// throwing. Implemented on Azure Tables (<c>LoadOps.Cloud.Storage.ShardStore</c>) and in memory
/// (<see cref="Memory.InMemoryShardRepository"/>); one contract test suite runs against both.
/// </summary>
public interface IShardRepository
{
    /// <summary>
    /// Inserts the shard rows of a run (rows that exist are left alone, so a retried plan is harmless) and records the
    /// shard count and deadline on the run. Returns the run, or null if it does not exist.
    /// </summary>
    Task<RunRecord?> CreateAsync(string runId, IReadOnlyList<ShardRecord> shards, DateTimeOffset deadline, CancellationToken cancellationToken);

    Task<ShardRecord?> GetAsync(string runId, string shardId, CancellationToken cancellationToken);

    /// <summary>The shards of a run in index order.</summary>
    Task<IReadOnlyList<ShardRecord>> ListAsync(string runId, CancellationToken cancellationToken);

    /// <summary>pending → launched with a provisional handle; false if the shard was not pending (only one caller launches it).</summary>
    Task<bool> MarkLaunchedAsync(string runId, string shardId, string launcherHandle, CancellationToken cancellationToken);

    /// <summary>
    /// Records a started runner's handle, whatever the shard's status (a fast runner may have reported already), and
    /// whether the runner sweep must release it; false only when the shard does not exist.
    /// </summary>
    Task<bool> RecordHandleAsync(string runId, string shardId, string launcherHandle, bool needsTeardown, CancellationToken cancellationToken);

    /// <summary>Shards of any run whose runner resources are still to be released.</summary>
    Task<IReadOnlyList<ShardRecord>> ListTeardownPendingAsync(CancellationToken cancellationToken);

    /// <summary>The runner's resources are gone: the sweep leaves the shard alone from now on.</summary>
    Task<bool> MarkTornDownAsync(string runId, string shardId, CancellationToken cancellationToken);

    /// <summary>pending or launched → running (the runner said hello); false otherwise.</summary>
    Task<bool> MarkRunningAsync(string runId, string shardId, CancellationToken cancellationToken);

    /// <summary>
    /// The shard reported its result. Only the call that turns the row done counts it on the run
    /// (<see cref="RunRecord.ShardsReported"/>), so a duplicate counts nothing twice; the run's totals are exact once
    /// every shard is final.
    /// </summary>
    Task<ShardDoneResult> MarkDoneAsync(string runId, string shardId, string resultBlobName, CancellationToken cancellationToken);

    /// <summary>The runner or launcher reported a failure; a shard that is final already is left alone. Returns the run with its totals.</summary>
    Task<RunRecord?> MarkFailedAsync(string runId, string shardId, string reason, CancellationToken cancellationToken);

    /// <summary>At or past the run's deadline, every unfinished shard is marked missing (one that turns done meanwhile stays done).</summary>
    Task<MissingShardSweep> MarkMissingAfterDeadlineAsync(RunRecord run, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Counts the run's final shards and stores the totals on the run, never lowering a stored total.</summary>
    Task<RunRecord?> RecountAsync(string runId, CancellationToken cancellationToken);
}
