using Azure.Data.Tables;
using Azure;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Storage;

/// <summary>
/// The <c>runs</c> table. Every write is a read-modify-write guarded by the row's ETag and retried on 412, so two
/// workers touching the same run never lose each other's change. Status changes go through
/// <see cref="TransitionAsync"/> only; an illegal move is a returned <see cref="TransitionOutcome.Illegal"/>, not an
/// exception, because with at-least-once queues a late or duplicate message asking for an old move is normal.
/// </summary>
public sealed class RunStore : IRunRepository
{
    private readonly TableClient _table;
    private readonly TimeProvider _clock;

    public RunStore(StorageClients clients, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _table = clients.Tables.GetTableClient(clients.Names.RunsTable);
        _clock = clock;
    }

    /// <summary>Inserts a new run (status queued); false if a run with that id already exists.</summary>
    public async Task<bool> CreateAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var now = _clock.GetUtcNow();
        var stored = run with { Status = RunStatus.Queued, CreatedAt = now, UpdatedAt = now };
        try
        {
            await _table.AddEntityAsync(RunEntityMap.ToEntity(stored), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == ConflictBackoff.Conflict)
        {
            return false;
        }
    }

    public async Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        var entity = await GetEntityAsync(runId, cancellationToken);
        return entity is null ? null : RunEntityMap.FromEntity(entity);
    }

    /// <summary>
    /// Changes fields other than the status (shard count, deadline, blob names, counters). <paramref name="change"/>
    /// may run several times, each time on a fresh copy; it must be a pure function of its argument. Returns the run
    /// as stored afterwards, or null when there is no such run.
    /// </summary>
    public async Task<RunRecord?> UpdateAsync(string runId, Func<RunRecord, RunRecord> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var result = await WriteAsync(runId, current => RunWriteRules.Update(current, change), cancellationToken);
        return result.Run;
    }

    /// <summary>
    /// Moves the run to <paramref name="to"/> if <see cref="RunStatusRules"/> allows it, recording
    /// <paramref name="reason"/>, and applies <paramref name="alsoChange"/> in the same write (e.g. the result blob name).
    /// </summary>
    public Task<RunTransitionResult> TransitionAsync(
        string runId, RunStatus to, string? reason, CancellationToken cancellationToken, Func<RunRecord, RunRecord>? alsoChange = null) =>
        WriteAsync(runId, current => RunWriteRules.Transition(current, to, reason, alsoChange), cancellationToken);

    /// <summary>Runs that are not terminal and whose deadline has passed: candidates for the missing-shard sweep.</summary>
    public async Task<IReadOnlyList<RunRecord>> ListOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Deadline lt {now}");
        var overdue = new List<RunRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var run = RunEntityMap.FromEntity(entity);
            if (!run.IsTerminal)
                overdue.Add(run);
        }

        return overdue;
    }

    /// <summary>Runs whose shards are out or being merged (dispatched, running, collecting): those with live figures.</summary>
    public Task<IReadOnlyList<RunRecord>> ListUnderWayAsync(CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter(
            $"Status eq {nameof(RunStatus.Dispatched)} or Status eq {nameof(RunStatus.Running)} or Status eq {nameof(RunStatus.Collecting)}"), cancellationToken);

    /// <summary>The runs started for one commit of a repository (by a push, a pull request, the API...), oldest first.</summary>
    public Task<IReadOnlyList<RunRecord>> ListByCommitAsync(string repository, string commit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(repository);
        ArgumentException.ThrowIfNullOrEmpty(commit);
        return QueryAsync(TableClient.CreateQueryFilter($"Repo eq {repository} and Commit eq {commit}"), cancellationToken);
    }

    /// <summary>The runs one <see cref="LoadOps.Core.Pipeline.RunRequest"/> created, oldest first.</summary>
    public Task<IReadOnlyList<RunRecord>> ListByRequestAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return QueryAsync(TableClient.CreateQueryFilter($"RequestId eq {requestId}"), cancellationToken);
    }

    private async Task<IReadOnlyList<RunRecord>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var found = new List<RunRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            found.Add(RunEntityMap.FromEntity(entity));
        return found.OrderBy(r => r.CreatedAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
    }

    private async Task<RunTransitionResult> WriteAsync(
        string runId, Func<RunRecord, (RunRecord? Next, TransitionOutcome Outcome, string Message)> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ConflictBackoff.MaxAttempts; attempt++)
        {
            var entity = await GetEntityAsync(runId, cancellationToken);
            if (entity is null)
                return new RunTransitionResult(TransitionOutcome.NotFound, null, $"No run {runId}.");

            var current = RunEntityMap.FromEntity(entity);
            var (next, outcome, message) = decide(current);
            if (next is null)
                return new RunTransitionResult(outcome, current, message);

            next = next with { UpdatedAt = _clock.GetUtcNow() };
            try
            {
                await _table.UpdateEntityAsync(RunEntityMap.ToEntity(next), entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return new RunTransitionResult(outcome, next, message);
            }
            catch (RequestFailedException e) when (e.Status == ConflictBackoff.PreconditionFailed)
            {
                await ConflictBackoff.DelayAsync(attempt, _clock, cancellationToken);
            }
        }

        throw ConflictBackoff.GaveUp($"Run {runId}");
    }

    private async Task<TableEntity?> GetEntityAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(RunEntityMap.PartitionKey(runId), RunEntityMap.RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}
