using System.Text.Json;

namespace LoadOps.Pipeline.Memory;

/// <summary>
/// Baseline entries in a dictionary, in the order the baselines table returns them: newest run first, a tie by run id
/// in table-key order (and on the history page by branch first). An entry is keyed by test, branch, run time and run id,
/// like the table's row, so re-adding a run replaces it only if its run time is the same. Metrics go through the same
/// JSON as the table column, so a value it cannot hold (NaN) fails here too and the caller's dictionary is not shared.
/// </summary>
public sealed class InMemoryBaselines : IBaselineRepository
{
    private readonly Dictionary<(string TestName, string Branch, long Ticks, string RunId), BaselineEntry> _entries = [];
    private readonly Lock _lock = new();

    public Task AddAsync(BaselineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        RequireKeys(entry.TestName, entry.Branch);
        RequireRunId(entry.RunId);
        var metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(JsonSerializer.Serialize(entry.Metrics)) ?? [];
        // The table hands dates back in UTC.
        var stored = entry with { RunAt = entry.RunAt.ToUniversalTime(), Metrics = metrics };
        lock (_lock)
            _entries[(stored.TestName, stored.Branch, stored.RunAt.UtcTicks, stored.RunId)] = stored;
        return Task.CompletedTask;
    }

    public Task<bool> AcceptAsync(string testName, string branch, string runId, CancellationToken cancellationToken)
    {
        RequireKeys(testName, branch);
        lock (_lock)
        {
            // Like the table's query, only the newest row of that run is marked.
            if (Newest(e => e.TestName == testName && e.Branch == branch && e.RunId == runId).FirstOrDefault() is not { } entry)
                return Task.FromResult(false);
            _entries[(entry.TestName, entry.Branch, entry.RunAt.UtcTicks, entry.RunId)] = entry with { Accepted = true };
            return Task.FromResult(true);
        }
    }

    public Task<BaselineEntry?> FindAsync(string testName, string branch, string runId, CancellationToken cancellationToken)
    {
        RequireKeys(testName, branch);
        lock (_lock)
            return Task.FromResult(Newest(e => e.TestName == testName && e.Branch == branch && e.RunId == runId).FirstOrDefault());
    }

    public Task<IReadOnlyList<BaselineEntry>> GetRecentAsync(
        string testName, string branch, int count, CancellationToken cancellationToken, bool trustworthyOnly = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        RequireKeys(testName, branch);
        lock (_lock)
        {
            IReadOnlyList<BaselineEntry> recent = [.. Newest(e => e.TestName == testName && e.Branch == branch && (!trustworthyOnly || e.Trustworthy)).Take(count)];
            return Task.FromResult(recent);
        }
    }

    public Task<IReadOnlyList<BaselineEntry>> GetForTestAsync(string testName, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_lock)
        {
            // The table lists partitions (branches) in key order and the store then sorts by run time, keeping that order on ties.
            IReadOnlyList<BaselineEntry> entries = [.. _entries.Values.Where(e => e.TestName == testName)
                .OrderByDescending(e => e.RunAt.UtcTicks)
                .ThenBy(e => TableKeyOrder.Of(e.Branch), StringComparer.Ordinal)
                .ThenBy(e => TableKeyOrder.Of(e.RunId), StringComparer.Ordinal)
                .Take(count)];
            return Task.FromResult(entries);
        }
    }

    // Newest first, a tie by run id: the table's row key is inverted run ticks, then the encoded run id.
    private IEnumerable<BaselineEntry> Newest(Func<BaselineEntry, bool> match) =>
        _entries.Values.Where(match).OrderByDescending(e => e.RunAt.UtcTicks).ThenBy(e => TableKeyOrder.Of(e.RunId), StringComparer.Ordinal);

    private static void RequireKeys(string testName, string branch)
    {
        ArgumentException.ThrowIfNullOrEmpty(testName);
        ArgumentException.ThrowIfNullOrEmpty(branch);
    }

    private static void RequireRunId(string runId) => ArgumentException.ThrowIfNullOrEmpty(runId);
}
