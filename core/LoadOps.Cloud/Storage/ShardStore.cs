using LoadOps.Pipeline;

namespace LoadOps.Cloud.Storage;

/// <summary>
/// The <c>shards</c> table, one partition per run. Shard rows are updated with ETags. Each shard's own transition to
/// a final state adds one to the run's <see cref="RunRecord.ShardsReported"/> hint; the exact totals are recounted
/// from the partition (see <see cref="RecountAsync"/>) only when that hint says the run may be complete.
/// </summary>
public sealed class ShardStore : IShardRepository
{
    private readonly ShardTable _rows;
    private readonly RunStore _runs;
    private readonly TimeProvider _clock;

    public ShardStore(StorageClients clients, RunStore runs, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _rows = new ShardTable(clients.Tables.GetTableClient(clients.Names.ShardsTable), clock);
        _runs = runs;
        _clock = clock;
    }

    /// <summary>
    /// Inserts the shard rows of a run (rows that already exist are left as they are, so a retried plan message is
    /// harmless) and records the shard count and deadline on the run. Returns the run, or null if it does not exist.
    /// </summary>
    public async Task<RunRecord?> CreateAsync(string runId, IReadOnlyList<ShardRecord> shards, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Any(s => s.RunId != runId))
            throw new ArgumentException($"Every shard must belong to run {runId}.", nameof(shards));

        await _rows.AddMissingAsync(shards.Select(s => s with { Status = ShardStatus.Pending }), cancellationToken);
        return await _runs.UpdateAsync(runId, r => r with { ShardCount = shards.Count, Deadline = deadline }, cancellationToken);
    }

    public Task<ShardRecord?> GetAsync(string runId, string shardId, CancellationToken cancellationToken) =>
        _rows.GetAsync(runId, shardId, cancellationToken);

    /// <summary>The shards of a run in index order.</summary>
    public async Task<IReadOnlyList<ShardRecord>> ListAsync(string runId, CancellationToken cancellationToken)
    {
        var shards = new List<ShardRecord>();
        await foreach (var entity in _rows.QueryRunAsync(runId, select: null, cancellationToken))
            shards.Add(ShardEntityMap.FromEntity(entity));
        return shards.OrderBy(s => s.Index).ToList();
    }

    /// <summary>
    /// pending → launched, remembering how to find the runner; false if the shard was not pending. The shard is left to
    /// the runner sweep until the launch records its real handle, so a runner started by a dispatch that dies before
    /// recording it is still found (ACI groups have names derived from the shard id).
    /// </summary>
    public async Task<bool> MarkLaunchedAsync(string runId, string shardId, string launcherHandle, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        return await _rows.UpdateAsync(runId, shardId, false, s => s.Status == ShardStatus.Pending
            ? (s with { Status = ShardStatus.Launched, LaunchedAt = now, LauncherHandle = launcherHandle, TeardownPending = true }, true)
            : (null, false), cancellationToken);
    }

    /// <summary>
    /// Records the handle of a started runner (any status but pending: a fast runner may already have reported) and,
    /// for cloud resources, that the runner sweep must release them. False when the shard does not exist.
    /// </summary>
    public Task<bool> RecordHandleAsync(string runId, string shardId, string launcherHandle, bool needsTeardown, CancellationToken cancellationToken) =>
        _rows.UpdateAsync(runId, shardId, false, s => s.LauncherHandle == launcherHandle && s.TeardownPending == (needsTeardown && s.TornDownAt is null)
            ? (null, true)
            : (s with { LauncherHandle = launcherHandle, TeardownPending = needsTeardown && s.TornDownAt is null }, true), cancellationToken);

    /// <summary>Shards of any run whose runner resources are still to be deleted or stopped.</summary>
    public async Task<IReadOnlyList<ShardRecord>> ListTeardownPendingAsync(CancellationToken cancellationToken)
    {
        var shards = new List<ShardRecord>();
        await foreach (var entity in _rows.QueryTeardownPendingAsync(cancellationToken))
            shards.Add(ShardEntityMap.FromEntity(entity));
        return shards;
    }

    /// <summary>The runner's resources are gone: the sweep leaves the shard alone from now on.</summary>
    public Task<bool> MarkTornDownAsync(string runId, string shardId, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        return _rows.UpdateAsync(runId, shardId, false, s => s.TeardownPending
            ? (s with { TeardownPending = false, TornDownAt = now }, true)
            : (null, false), cancellationToken);
    }

    /// <summary>pending or launched → running (the runner said hello); false otherwise.</summary>
    public async Task<bool> MarkRunningAsync(string runId, string shardId, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        return await _rows.UpdateAsync(runId, shardId, false, s => s.Status is ShardStatus.Pending or ShardStatus.Launched
            ? (s with { Status = ShardStatus.Running, LaunchedAt = s.LaunchedAt ?? now }, true)
            : (null, false), cancellationToken);
    }

    /// <summary>
    /// A shard reported its result. Idempotent: only the call that moves the shard row to done adds one to the run's
    /// <see cref="RunRecord.ShardsReported"/>, so a duplicate counts nothing twice and costs two reads. The exact totals
    /// are recounted from the partition only once the hint says every shard may have finished: O(1) storage calls per
    /// shard plus one recount per run. A worker that dies between marking the row and counting it leaves the row
    /// uncounted; the redelivered message counts it then.
    /// </summary>
    public async Task<ShardDoneResult> MarkDoneAsync(string runId, string shardId, string resultBlobName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resultBlobName);
        var now = _clock.GetUtcNow();
        var (outcome, counted) = await _rows.UpdateAsync(runId, shardId, (ShardDoneOutcome.NotFound, true), s => s.Status switch
        {
            ShardStatus.Done => (null, (ShardDoneOutcome.AlreadyDone, s.CountedOnRun)),
            ShardStatus.Missing or ShardStatus.Failed => (null, (ShardDoneOutcome.TooLate, true)),
            _ => (s with { Status = ShardStatus.Done, FinishedAt = now, ResultBlobName = resultBlobName, CountedOnRun = false }, (ShardDoneOutcome.Marked, false)),
        }, cancellationToken);

        if (counted)
            return new ShardDoneResult(outcome, await _runs.GetAsync(runId, cancellationToken));
        return new ShardDoneResult(outcome, await CountFinishedAsync(runId, shardId, cancellationToken));
    }

    /// <summary>The runner or launcher reported a failure; a shard that is already final is left alone.</summary>
    public async Task<RunRecord?> MarkFailedAsync(string runId, string shardId, string reason, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var changed = await _rows.UpdateAsync(runId, shardId, false, s => s.IsFinal
            ? (null, false)
            : (s with { Status = ShardStatus.Failed, StatusReason = reason, FinishedAt = now, CountedOnRun = false }, true), cancellationToken);
        return changed ? await CountFinishedAsync(runId, shardId, cancellationToken) : await _runs.GetAsync(runId, cancellationToken);
    }

    /// <summary>
    /// Once <paramref name="now"/> is at or past the run's deadline, every shard that has not finished is marked missing
    /// (a shard that turns done concurrently stays done: each row is changed only under its ETag). Before the deadline
    /// this does nothing.
    /// </summary>
    public async Task<MissingShardSweep> MarkMissingAfterDeadlineAsync(RunRecord run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Deadline is not { } deadline || now < deadline)
            return new MissingShardSweep([], run);

        var missing = new List<string>();
        var reason = $"No result by the deadline {deadline:O}.";
        foreach (var shard in await ListAsync(run.RunId, cancellationToken))
        {
            if (shard.IsFinal)
                continue;
            var changed = await _rows.UpdateAsync(run.RunId, shard.ShardId, false, s => s.IsFinal
                ? (null, false)
                : (s with { Status = ShardStatus.Missing, StatusReason = reason, FinishedAt = now }, true), cancellationToken);
            if (changed)
                missing.Add(shard.ShardId);
        }

        return new MissingShardSweep(missing, await RecountAsync(run.RunId, cancellationToken));
    }

    /// <summary>
    /// Counts done, missing and failed shards in the run's partition and stores the totals on the run, never lowering
    /// a stored total (final shard states never change back, so totals only grow; a slower worker's older count must
    /// not overwrite a newer one). Whichever worker's shard write finished last counts after it and so sees every
    /// finished shard. The hint is raised to the count too, so a hint that lost an increment is repaired; once every
    /// shard is final it is set to the exact total, so a duplicate counted twice does not show as 61 of 60.
    /// </summary>
    public async Task<RunRecord?> RecountAsync(string runId, CancellationToken cancellationToken)
    {
        int done = 0, missing = 0, failed = 0;
        await foreach (var entity in _rows.QueryRunAsync(runId, [nameof(ShardRecord.Status)], cancellationToken))
        {
            switch (ShardEntityMap.ParseStatus(entity))
            {
                case ShardStatus.Done: done++; break;
                case ShardStatus.Missing: missing++; break;
                case ShardStatus.Failed: failed++; break;
            }
        }

        return await _runs.UpdateAsync(runId, r => r with
        {
            ShardsDone = Math.Max(r.ShardsDone, done),
            ShardsMissing = Math.Max(r.ShardsMissing, missing),
            ShardsFailed = Math.Max(r.ShardsFailed, failed),
            ShardsReported = r.ShardCount > 0 && done + missing + failed >= r.ShardCount
                ? done + missing + failed
                : Math.Max(r.ShardsReported, done + missing + failed),
        }, cancellationToken);
    }

    /// <summary>
    /// Adds this shard's final state to the run's hint (an ETag-guarded increment), marks the row counted, and
    /// recounts only when the hint says the run may be complete. An increment the row mark then fails to record is
    /// counted again by a duplicate: the hint may run ahead, which only brings the recount forward; the totals stay exact.
    /// A run whose shards are all accounted for takes no more increments (its recount already set the exact total).
    /// </summary>
    private async Task<RunRecord?> CountFinishedAsync(string runId, string shardId, CancellationToken cancellationToken)
    {
        var run = await _runs.UpdateAsync(runId, r => r.AllShardsAccountedFor ? r : r with { ShardsReported = r.ShardsReported + 1 }, cancellationToken);
        await _rows.MarkCountedAsync(runId, shardId, cancellationToken);
        return run is { MayBeComplete: true, AllShardsAccountedFor: false } ? await RecountAsync(runId, cancellationToken) : run;
    }
}
