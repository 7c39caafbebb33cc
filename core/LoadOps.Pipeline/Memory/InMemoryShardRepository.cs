namespace LoadOps.Pipeline.Memory;

/// <summary>
/// Shard rows in a dictionary, beside an <see cref="IRunRepository"/> that holds the runs. Each row write decides under
/// one lock, so it is as atomic as the table's ETag-guarded write. The run's totals are recounted from the rows after
/// every final transition (cheap here; the table store recounts only once its hint says the run may be complete) and
/// never lowered, so a slower writer's older count cannot overwrite a newer one.
/// </summary>
public sealed class InMemoryShardRepository(IRunRepository runs, TimeProvider clock) : IShardRepository
{
    private readonly Dictionary<(string RunId, string ShardId), ShardRecord> _rows = [];
    private readonly Lock _lock = new();

    public async Task<RunRecord?> CreateAsync(string runId, IReadOnlyList<ShardRecord> shards, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Any(s => s.RunId != runId))
            throw new ArgumentException($"Every shard must belong to run {runId}.", nameof(shards));
        lock (_lock)
        {
            foreach (var shard in shards)
                _rows.TryAdd((runId, shard.ShardId), shard with { Status = ShardStatus.Pending });
        }
        return await runs.UpdateAsync(runId, r => r with { ShardCount = shards.Count, Deadline = deadline }, cancellationToken);
    }

    public Task<ShardRecord?> GetAsync(string runId, string shardId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrEmpty(shardId);
        lock (_lock)
            return Task.FromResult(_rows.GetValueOrDefault((runId, shardId)));
    }

    public Task<IReadOnlyList<ShardRecord>> ListAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return Task.FromResult(Select(s => s.RunId == runId));
    }

    public Task<bool> MarkLaunchedAsync(string runId, string shardId, string launcherHandle, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(Update(runId, shardId, false, s => s.Status == ShardStatus.Pending
            ? (s with { Status = ShardStatus.Launched, LaunchedAt = now, LauncherHandle = launcherHandle, TeardownPending = true }, true)
            : (null, false)));
    }

    public Task<bool> RecordHandleAsync(string runId, string shardId, string launcherHandle, bool needsTeardown, CancellationToken cancellationToken) =>
        Task.FromResult(Update(runId, shardId, false, s =>
            (s with { LauncherHandle = launcherHandle, TeardownPending = needsTeardown && s.TornDownAt is null }, true)));

    public Task<IReadOnlyList<ShardRecord>> ListTeardownPendingAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Select(s => s.TeardownPending));

    public Task<bool> MarkTornDownAsync(string runId, string shardId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(Update(runId, shardId, false, s => s.TeardownPending
            ? (s with { TeardownPending = false, TornDownAt = now }, true)
            : (null, false)));
    }

    public Task<bool> MarkRunningAsync(string runId, string shardId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(Update(runId, shardId, false, s => s.Status is ShardStatus.Pending or ShardStatus.Launched
            ? (s with { Status = ShardStatus.Running, LaunchedAt = s.LaunchedAt ?? now }, true)
            : (null, false)));
    }

    public async Task<ShardDoneResult> MarkDoneAsync(string runId, string shardId, string resultBlobName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resultBlobName);
        var now = clock.GetUtcNow();
        var outcome = Update(runId, shardId, ShardDoneOutcome.NotFound, s => s.Status switch
        {
            ShardStatus.Done => (null, ShardDoneOutcome.AlreadyDone),
            ShardStatus.Missing or ShardStatus.Failed => (null, ShardDoneOutcome.TooLate),
            _ => (s with { Status = ShardStatus.Done, FinishedAt = now, ResultBlobName = resultBlobName, CountedOnRun = true }, ShardDoneOutcome.Marked),
        });
        var run = outcome == ShardDoneOutcome.Marked ? await RecountAsync(runId, cancellationToken) : await runs.GetAsync(runId, cancellationToken);
        return new ShardDoneResult(outcome, run);
    }

    public async Task<RunRecord?> MarkFailedAsync(string runId, string shardId, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var changed = Update(runId, shardId, false, s => s.IsFinal
            ? (null, false)
            : (s with { Status = ShardStatus.Failed, StatusReason = reason, FinishedAt = now, CountedOnRun = true }, true));
        return changed ? await RecountAsync(runId, cancellationToken) : await runs.GetAsync(runId, cancellationToken);
    }

    public async Task<MissingShardSweep> MarkMissingAfterDeadlineAsync(RunRecord run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Deadline is not { } deadline || now < deadline)
            return new MissingShardSweep([], run);

        var reason = $"No result by the deadline {deadline:O}.";
        var missing = new List<string>();
        lock (_lock)
        {
            foreach (var shard in _rows.Values.Where(s => s.RunId == run.RunId && !s.IsFinal).OrderBy(s => s.Index).ToList())
            {
                _rows[(shard.RunId, shard.ShardId)] = shard with { Status = ShardStatus.Missing, StatusReason = reason, FinishedAt = now };
                missing.Add(shard.ShardId);
            }
        }
        return new MissingShardSweep(missing, await RecountAsync(run.RunId, cancellationToken));
    }

    public Task<RunRecord?> RecountAsync(string runId, CancellationToken cancellationToken)
    {
        int done, missing, failed;
        lock (_lock)
        {
            var statuses = _rows.Values.Where(s => s.RunId == runId).Select(s => s.Status).ToList();
            done = statuses.Count(s => s == ShardStatus.Done);
            missing = statuses.Count(s => s == ShardStatus.Missing);
            failed = statuses.Count(s => s == ShardStatus.Failed);
        }
        return runs.UpdateAsync(runId, r => r with
        {
            ShardsDone = Math.Max(r.ShardsDone, done),
            ShardsMissing = Math.Max(r.ShardsMissing, missing),
            ShardsFailed = Math.Max(r.ShardsFailed, failed),
            // Like the table store: once every shard is final the hint is the exact total, else it only grows.
            ShardsReported = r.ShardCount > 0 && done + missing + failed >= r.ShardCount ? done + missing + failed : Math.Max(r.ShardsReported, done + missing + failed),
        }, cancellationToken);
    }

    private IReadOnlyList<ShardRecord> Select(Func<ShardRecord, bool> match)
    {
        lock (_lock)
            return _rows.Values.Where(match).OrderBy(s => s.RunId, StringComparer.Ordinal).ThenBy(s => s.Index).ToList();
    }

    /// <summary>Reads the row, lets <paramref name="decide"/> pick the new row (null: leave it) and writes it, all under the lock.</summary>
    private T Update<T>(string runId, string shardId, T notFound, Func<ShardRecord, (ShardRecord? Next, T Outcome)> decide)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrEmpty(shardId);
        lock (_lock)
        {
            if (!_rows.TryGetValue((runId, shardId), out var current))
                return notFound;
            var (next, outcome) = decide(current);
            if (next is not null)
                _rows[(runId, shardId)] = next;
            return outcome;
        }
    }
}
