namespace LoadOps.Pipeline;

/// <summary>Summaries of reported runs per test and branch, newest first: what a run is compared with.</summary>
public interface IBaselineRepository
{
    /// <summary>Adds (or replaces, if the same run is added twice) a run summary.</summary>
    Task AddAsync(BaselineEntry entry, CancellationToken cancellationToken);

    /// <summary>Marks a run of a test on a branch as accepted (its level becomes the baseline); false when no such run is stored.</summary>
    Task<bool> AcceptAsync(string testName, string branch, string runId, CancellationToken cancellationToken);

    /// <summary>The entry of one run of a test on a branch; null when that run is not stored there.</summary>
    Task<BaselineEntry?> FindAsync(string testName, string branch, string runId, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="count"/> entries of a test on a branch, newest first; only trustworthy ones if asked.</summary>
    Task<IReadOnlyList<BaselineEntry>> GetRecentAsync(string testName, string branch, int count, CancellationToken cancellationToken, bool trustworthyOnly = false);

    /// <summary>The newest <paramref name="count"/> entries of a test on every branch, newest first (the history page).</summary>
    Task<IReadOnlyList<BaselineEntry>> GetForTestAsync(string testName, int count, CancellationToken cancellationToken);
}
