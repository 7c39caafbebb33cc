namespace LoadOps.Pipeline.Memory;

/// <summary>
/// Runs in a dictionary, for stage tests without storage and for a single-process pipeline. Writes decide by
/// <see cref="RunWriteRules"/> like the table store and are atomic under one lock, so concurrent writers lose
/// no change (what the table's ETag guards against). Records are immutable, so handing them out is safe.
/// </summary>
public sealed class InMemoryRunRepository(TimeProvider clock) : IRunRepository
{
    private readonly Dictionary<string, RunRecord> _runs = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task<bool> CreateAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var now = clock.GetUtcNow();
        lock (_lock)
            return Task.FromResult(_runs.TryAdd(run.RunId, run with { Status = RunStatus.Queued, CreatedAt = now, UpdatedAt = now }));
    }

    public Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        lock (_lock)
            return Task.FromResult(_runs.GetValueOrDefault(runId));
    }

    public Task<RunRecord?> UpdateAsync(string runId, Func<RunRecord, RunRecord> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Task.FromResult(Write(runId, current => RunWriteRules.Update(current, change)).Run);
    }

    public Task<RunTransitionResult> TransitionAsync(
        string runId, RunStatus to, string? reason, CancellationToken cancellationToken, Func<RunRecord, RunRecord>? alsoChange = null) =>
        Task.FromResult(Write(runId, current => RunWriteRules.Transition(current, to, reason, alsoChange)));

    public Task<IReadOnlyList<RunRecord>> ListOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(Select(run => run.Deadline < now && !run.IsTerminal));

    public Task<IReadOnlyList<RunRecord>> ListUnderWayAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Select(run => run.Status is RunStatus.Dispatched or RunStatus.Running or RunStatus.Collecting));

    public Task<IReadOnlyList<RunRecord>> ListByCommitAsync(string repository, string commit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(repository);
        ArgumentException.ThrowIfNullOrEmpty(commit);
        return Task.FromResult(Select(run => run.Repo == repository && run.Commit == commit));
    }

    public Task<IReadOnlyList<RunRecord>> ListByRequestAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return Task.FromResult(Select(run => run.RequestId == requestId));
    }

    private IReadOnlyList<RunRecord> Select(Func<RunRecord, bool> match)
    {
        lock (_lock)
            return _runs.Values.Where(match).OrderBy(r => r.CreatedAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
    }

    private RunTransitionResult Write(string runId, Func<RunRecord, (RunRecord? Next, TransitionOutcome Outcome, string Message)> decide)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        lock (_lock)
        {
            if (!_runs.TryGetValue(runId, out var current))
                return new RunTransitionResult(TransitionOutcome.NotFound, null, $"No run {runId}.");
            var (next, outcome, message) = decide(current);
            if (next is null)
                return new RunTransitionResult(outcome, current, message);
            _runs[runId] = next = next with { UpdatedAt = clock.GetUtcNow() };
            return new RunTransitionResult(outcome, next, message);
        }
    }
}
