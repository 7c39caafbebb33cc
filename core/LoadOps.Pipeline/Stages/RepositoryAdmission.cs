using LoadOps.Core.Policy;

namespace LoadOps.Pipeline;

/// <summary>
/// Admits a run under its repository's concurrent caps (<see cref="RepositoryCaps"/>), claimed with the ETag of the
/// repository's claim row (<see cref="IActiveRunRepository.ClaimAsync"/>): two runs admitted at the same moment are counted
/// one after the other, so they cannot both pass a cap with room for one. Rows of runs that have finished (or no longer
/// exist) are removed on the way.
/// </summary>
public sealed class RepositoryAdmission(IActiveRunRepository active, IRunRepository runs)
{
    /// <summary>Null when admitted; otherwise the refusal, naming the cap and the repository's current usage.</summary>
    public Task<string?> TryAdmitAsync(string repository, string runId, RunDemand demand, LoadPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return active.ClaimAsync(new ActiveRun(repository, runId, demand), async others =>
        {
            var inUse = RunDemand.Zero;
            var count = 0;
            foreach (var other in others)
            {
                var run = await runs.GetAsync(other.RunId, cancellationToken);
                if (run is null || run.IsTerminal)
                {
                    await active.RemoveAsync(repository, other.RunId, cancellationToken);
                    continue;
                }
                inUse = inUse.Plus(other.Demand);
                count++;
            }
            return RepositoryCaps.Refusal(policy, repository, inUse, count, demand);
        }, cancellationToken);
    }
}
