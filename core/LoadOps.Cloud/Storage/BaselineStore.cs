using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Storage;

/// <summary>
/// The <c>baselines</c> table: partition = <c>test|branch</c> (each part key-encoded, so odd branch names like
/// <c>feature/a#1</c> are safe), row key = inverted ticks of the run time + run id, so a plain partition query returns
/// the newest runs first and reading the last N is one request.
/// </summary>
public sealed class BaselineStore : IBaselineRepository
{
    private const string MetricsJson = "MetricsJson";
    private readonly TableClient _table;

    public BaselineStore(StorageClients clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _table = clients.Tables.GetTableClient(clients.Names.BaselinesTable);
    }

    /// <summary>Adds (or replaces, if the same run is added twice) a run summary.</summary>
    public async Task AddAsync(BaselineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var entity = new TableEntity(PartitionKey(entry.TestName, entry.Branch), RowKey(entry.RunAt, entry.RunId))
        {
            [nameof(BaselineEntry.TestName)] = entry.TestName,
            [nameof(BaselineEntry.Branch)] = entry.Branch,
            [nameof(BaselineEntry.RunId)] = entry.RunId,
            [nameof(BaselineEntry.Commit)] = entry.Commit,
            [nameof(BaselineEntry.RunAt)] = entry.RunAt,
            [nameof(BaselineEntry.Trustworthy)] = entry.Trustworthy,
            [MetricsJson] = JsonSerializer.Serialize(entry.Metrics),
            [nameof(BaselineEntry.ResultBlobName)] = entry.ResultBlobName,
            [nameof(BaselineEntry.Accepted)] = entry.Accepted,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Marks a run of a test on a branch as accepted (its level becomes the baseline); false when no such run is stored.</summary>
    public async Task<bool> AcceptAsync(string testName, string branch, string runId, CancellationToken cancellationToken)
    {
        var partition = PartitionKey(testName, branch);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RunId eq {runId}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var update = new TableEntity(entity.PartitionKey, entity.RowKey) { [nameof(BaselineEntry.Accepted)] = true };
            await _table.UpdateEntityAsync(update, entity.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        return false;
    }

    /// <summary>The entry of one run of a test on a branch; null when that run is not stored there (not trustworthy, or never reported).</summary>
    public async Task<BaselineEntry?> FindAsync(string testName, string branch, string runId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(testName, branch)} and RunId eq {runId}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            return FromEntity(entity);
        return null;
    }

    /// <summary>The newest <paramref name="count"/> entries of a test on a branch, newest first; only trustworthy ones if asked.</summary>
    public async Task<IReadOnlyList<BaselineEntry>> GetRecentAsync(
        string testName, string branch, int count, CancellationToken cancellationToken, bool trustworthyOnly = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var partition = PartitionKey(testName, branch);
        var filter = trustworthyOnly
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Trustworthy eq {true}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition}");

        var entries = new List<BaselineEntry>(count);
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(count, 1000), cancellationToken: cancellationToken))
        {
            entries.Add(FromEntity(entity));
            if (entries.Count == count)
                break;
        }

        return entries;
    }

    /// <summary>The newest <paramref name="count"/> entries of a test on every branch, newest first (the history page).</summary>
    public async Task<IReadOnlyList<BaselineEntry>> GetForTestAsync(string testName, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var entries = new List<BaselineEntry>();
        var filter = TableClient.CreateQueryFilter($"TestName eq {testName}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            entries.Add(FromEntity(entity));
        return [.. entries.OrderByDescending(e => e.RunAt).Take(count)];
    }

    internal static string PartitionKey(string testName, string branch)
    {
        ArgumentException.ThrowIfNullOrEmpty(testName);
        ArgumentException.ThrowIfNullOrEmpty(branch);
        return TableKey.Compose(testName, branch);
    }

    internal static string RowKey(DateTimeOffset runAt, string runId)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var inverted = DateTimeOffset.MaxValue.UtcTicks - runAt.UtcTicks;
        return inverted.ToString("D19", CultureInfo.InvariantCulture) + "_" + TableKey.Encode(runId);
    }

    private static BaselineEntry FromEntity(TableEntity entity) => new()
    {
        TestName = entity.GetString(nameof(BaselineEntry.TestName)),
        Branch = entity.GetString(nameof(BaselineEntry.Branch)),
        RunId = entity.GetString(nameof(BaselineEntry.RunId)),
        Commit = entity.GetString(nameof(BaselineEntry.Commit)),
        RunAt = entity.GetDateTimeOffset(nameof(BaselineEntry.RunAt)) ?? default,
        Trustworthy = entity.GetBoolean(nameof(BaselineEntry.Trustworthy)) ?? false,
        Metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(entity.GetString(MetricsJson) ?? "{}") ?? [],
        ResultBlobName = entity.GetString(nameof(BaselineEntry.ResultBlobName)),
        Accepted = entity.GetBoolean(nameof(BaselineEntry.Accepted)) ?? false,
    };
}
