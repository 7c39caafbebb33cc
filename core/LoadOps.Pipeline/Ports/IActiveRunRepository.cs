namespace LoadOps.Pipeline;

/// <summary>The runs of each repository that are under way, for its concurrency caps.</summary>
public interface IActiveRunRepository
{
    /// <summary>Adds or replaces the run's entry.</summary>
    Task PutAsync(ActiveRun run, CancellationToken cancellationToken);

    /// <summary>
    /// Admits <paramref name="run"/> unless <paramref name="refusalOf"/>, given the repository's other runs, refuses it;
    /// of two admissions at the same instant only one sees the other missing. Returns the refusal, or null when admitted.
    /// </summary>
    Task<string?> ClaimAsync(ActiveRun run, Func<IReadOnlyList<ActiveRun>, Task<string?>> refusalOf, CancellationToken cancellationToken);

    Task<IReadOnlyList<ActiveRun>> ListAsync(string repository, CancellationToken cancellationToken);

    Task RemoveAsync(string repository, string runId, CancellationToken cancellationToken);
}
