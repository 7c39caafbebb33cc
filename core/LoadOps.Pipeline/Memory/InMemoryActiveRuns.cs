using LoadOps.Core.Policy;

namespace LoadOps.Pipeline.Memory;

/// <summary>
/// Admitted runs per repository (ignoring case, like the activeruns table's partition), listed in table-key order of
/// their run ids. A claim holds its repository's <see cref="SemaphoreSlim"/> from listing the others until its row is
/// written, so two admissions are counted one after the other, as the claim row's ETag makes them on Azure; a lock
/// cannot do it because the refusal callback is awaited. Only claims take the semaphore: the callback removes finished
/// runs through <see cref="RemoveAsync"/>, and on Azure a put or remove does not touch the claim row either. A callback
/// that claims for its own repository would wait for ever. The semaphores, one per repository seen, are never freed.
/// </summary>
public sealed class InMemoryActiveRuns : IActiveRunRepository
{
    private readonly Dictionary<string, Dictionary<string, RunDemand>> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SemaphoreSlim> _claims = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task PutAsync(ActiveRun run, CancellationToken cancellationToken)
    {
        Require(run);
        Write(Partition(run.Repository), run);
        return Task.CompletedTask;
    }

    public async Task<string?> ClaimAsync(ActiveRun run, Func<IReadOnlyList<ActiveRun>, Task<string?>> refusalOf, CancellationToken cancellationToken)
    {
        Require(run);
        ArgumentNullException.ThrowIfNull(refusalOf);
        var partition = Partition(run.Repository);
        SemaphoreSlim claim;
        lock (_lock)
        {
            if (!_claims.TryGetValue(partition, out var existing))
                _claims[partition] = existing = new SemaphoreSlim(1, 1);
            claim = existing;
        }

        await claim.WaitAsync(cancellationToken);
        try
        {
            var others = List(run.Repository, partition).Where(o => o.RunId != run.RunId).ToList();
            if (await refusalOf(others) is { } refusal)
            {
                // As on Azure, a refused run loses its row even if an earlier claim had admitted it.
                Remove(partition, run.RunId);
                return refusal;
            }
            Write(partition, run);
            return null;
        }
        finally
        {
            claim.Release();
        }
    }

    public Task<IReadOnlyList<ActiveRun>> ListAsync(string repository, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ActiveRun>>(List(repository, Partition(repository)));

    public Task RemoveAsync(string repository, string runId, CancellationToken cancellationToken)
    {
        var partition = Partition(repository);
        ArgumentNullException.ThrowIfNull(runId);
        Remove(partition, runId);
        return Task.CompletedTask;
    }

    // The table keeps only the run id and demand; a listed run carries the repository as the caller spelt it.
    private List<ActiveRun> List(string repository, string partition)
    {
        lock (_lock)
        {
            if (!_runs.TryGetValue(partition, out var runs))
                return [];
            return [.. runs.OrderBy(r => TableKeyOrder.Of(r.Key), StringComparer.Ordinal).Select(r => new ActiveRun(repository, r.Key, r.Value))];
        }
    }

    private void Write(string partition, ActiveRun run)
    {
        lock (_lock)
        {
            if (!_runs.TryGetValue(partition, out var runs))
                _runs[partition] = runs = new Dictionary<string, RunDemand>(StringComparer.Ordinal);
            runs[run.RunId] = run.Demand;
        }
    }

    private void Remove(string partition, string runId)
    {
        lock (_lock)
        {
            if (_runs.TryGetValue(partition, out var runs))
                runs.Remove(runId);
        }
    }

    // Checked before anything runs; on Azure a null id or demand fails only when the row is written.
    private static void Require(ActiveRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(run.RunId, nameof(run));
        ArgumentNullException.ThrowIfNull(run.Demand, nameof(run));
    }

    private static string Partition(string repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return repository.ToLowerInvariant();
    }
}
