using LoadOps.Cloud.Storage;
using LoadOps.Core.Policy;

namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// Admits a run under its repository's concurrent caps (<see cref="RepositoryCaps"/>). The run's row is written first
/// and the partition read after, so two runs admitted at the same moment each see the other: at worst both are
/// refused, never both admitted over the cap. Rows of runs that have finished (or no longer exist) are removed on the way.
/// </summary>
public sealed class RepositoryAdmission(ActiveRunStore active, RunStore runs)
{
    /// <summary>Null when admitted; otherwise the refusal, naming the cap and the repository's current usage.</summary>
    public async Task<string?> TryAdmitAsync(string repository, string runId, RunDemand demand, LoadPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        await active.PutAsync(new ActiveRun(repository, runId, demand), cancellationToken);
        var inUse = RunDemand.Zero;
        var count = 0;
        foreach (var other in await active.ListAsync(repository, cancellationToken))
        {
            if (other.RunId == runId)
                continue;
            var run = await runs.GetAsync(other.RunId, cancellationToken);
            if (run is null || run.IsTerminal)
            {
                await active.RemoveAsync(repository, other.RunId, cancellationToken);
                continue;
            }
            inUse = inUse.Plus(other.Demand);
            count++;
        }

        var refusal = RepositoryCaps.Refusal(policy, repository, inUse, count, demand);
        if (refusal is not null)
            await active.RemoveAsync(repository, runId, cancellationToken);
        return refusal;
    }
}
