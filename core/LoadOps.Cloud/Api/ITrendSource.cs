using LoadOps.Core.Reports.Trends;

namespace LoadOps.Cloud.Api;

/// <summary>Where the history page reads a test's earlier runs from (the baselines table and the run rows, or a test's memory).</summary>
public interface ITrendSource
{
    /// <summary>The newest <paramref name="count"/> runs of a test whose repository <paramref name="mayRead"/> allows, in any order.</summary>
    Task<IReadOnlyList<TrendEntry>> ReadAsync(string test, Func<string, bool> mayRead, int count, CancellationToken cancellationToken);
}
