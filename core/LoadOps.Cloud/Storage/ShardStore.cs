namespace LoadOps.Cloud.Storage;

/// <summary>
/// The <c>shards</c> table, one partition per run. Shard rows are updated with ETags; the run's shard totals are
/// never incremented, they are recounted from the partition (see <see cref="RecountAsync"/>).
/// </summary>
public sealed class ShardStore
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
    /// A shard reported its result. Idempotent: a duplicate message finds the shard done and changes nothing, and the
    /// run's totals are recounted from the shard rows rather than incremented, so nothing is ever counted twice.
    /// The recount runs even for a duplicate: if a worker died between marking the shard and updating the run, the
    /// redelivered message repairs the totals.
    /// </summary>
    public async Task<ShardDoneResult> MarkDoneAsync(string runId, string shardId, string resultBlobName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resultBlobName);
        var now = _clock.GetUtcNow();
        var outcome = await _rows.UpdateAsync(runId, shardId, ShardDoneOutcome.NotFound, s => s.Status switch
        {
            ShardStatus.Done => (null, ShardDoneOutcome.AlreadyDone),
            ShardStatus.Missing or ShardStatus.Failed => (null, ShardDoneOutcome.TooLate),
            _ => (s with { Status = ShardStatus.Done, FinishedAt = now, ResultBlobName = resultBlobName }, ShardDoneOutcome.Marked),
        }, cancellationToken);

        if (outcome == ShardDoneOutcome.NotFound)
            return new ShardDoneResult(outcome, await _runs.GetAsync(runId, cancellationToken));
        return new ShardDoneResult(outcome, await RecountAsync(runId, cancellationToken));
    }

    /// <summary>The runner or launcher reported a failure; a shard that is already final is left alone.</summary>
    public async Task<RunRecord?> MarkFailedAsync(string runId, string shardId, string reason, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var changed = await _rows.UpdateAsync(runId, shardId, false, s => s.IsFinal
            ? (null, false)
            : (s with { Status = ShardStatus.Failed, StatusReason = reason, FinishedAt = now }, true), cancellationToken);
        return changed ? await RecountAsync(runId, cancellationToken) : await _runs.GetAsync(runId, cancellationToken);
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
    /// not overwrite a newer one). Chosen over an ETag-guarded increment because a count is idempotent and heals
    /// itself: whichever worker's shard write finished last counts after it and so sees every finished shard.
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
        }, cancellationToken);
    }
}
