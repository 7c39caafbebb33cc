namespace LoadOps.Pipeline;

/// <summary>
/// Where runs are kept, as the stages and the run API need them. Status changes go through
/// <see cref="TransitionAsync"/> only, by <see cref="RunWriteRules"/>: an illegal or repeated move is a returned
/// outcome, not an exception, because with at-least-once queues a late or duplicate message is normal. Implemented on
/// Azure Tables (the Cloud project's RunStore) and in memory (<see cref="Memory.InMemoryRunRepository"/>); one contract test
/// suite runs against both.
/// </summary>
public interface IRunRepository
{
    /// <summary>Inserts a new run (status queued); false if a run with that id already exists.</summary>
    Task<bool> CreateAsync(RunRecord run, CancellationToken cancellationToken);

    Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Changes fields other than the status; <paramref name="change"/> may run several times and must be pure.</summary>
    Task<RunRecord?> UpdateAsync(string runId, Func<RunRecord, RunRecord> change, CancellationToken cancellationToken);

    /// <summary>Moves the run to <paramref name="to"/> if the state machine allows it, applying <paramref name="alsoChange"/> in the same write.</summary>
    Task<RunTransitionResult> TransitionAsync(
        string runId, RunStatus to, string? reason, CancellationToken cancellationToken, Func<RunRecord, RunRecord>? alsoChange = null);

    /// <summary>Runs that are not terminal and whose deadline has passed.</summary>
    Task<IReadOnlyList<RunRecord>> ListOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Runs whose runners may be running (dispatched, running or collecting).</summary>
    Task<IReadOnlyList<RunRecord>> ListUnderWayAsync(CancellationToken cancellationToken);

    /// <summary>The runs of one commit of a repository, oldest first.</summary>
    Task<IReadOnlyList<RunRecord>> ListByCommitAsync(string repository, string commit, CancellationToken cancellationToken);

    /// <summary>The runs one run request created, oldest first.</summary>
    Task<IReadOnlyList<RunRecord>> ListByRequestAsync(string requestId, CancellationToken cancellationToken);
}
