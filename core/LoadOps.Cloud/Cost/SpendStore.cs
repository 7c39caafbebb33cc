using Azure;
using Azure.Data.Tables;
using LoadOps.Cloud.Storage;

namespace LoadOps.Cloud.Cost;

/// <summary>
/// The <c>spend</c> table: one row per run holding its estimated cost, partitioned by repository and month (UTC), so
/// month-to-date spend is a partition sum and charging a run twice (a redelivered dispatch) is impossible.
/// </summary>
public sealed class SpendStore(StorageClients clients)
{
    private readonly TableClient _table = clients.Tables.GetTableClient(clients.Names.SpendTable);
    private bool _created;

    public static string Month(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The sum of every run's charge in the month, leaving out <paramref name="exceptRunId"/>.</summary>
    public async Task<decimal> MonthToDateAsync(string repository, string month, string? exceptRunId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var partition = Partition(repository, month);
        var total = 0m;
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            if (row.GetString("RunId") != exceptRunId)
                total += (decimal)(row.GetDouble("Amount") ?? 0);
        }
        return total;
    }

    /// <summary>Charges a run once; a second charge of the same run is ignored.</summary>
    public async Task ChargeAsync(string repository, string month, string runId, decimal amount, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var row = new TableEntity(Partition(repository, month), TableKey.Encode(runId))
        {
            ["Repository"] = repository,
            ["RunId"] = runId,
            ["Amount"] = (double)amount,
        };
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == ConflictBackoff.Conflict)
        {
            // Charged already by an earlier delivery of the same dispatch.
        }
    }

    /// <summary>The table is newer than some deployments' infrastructure templates: create it on first use.</summary>
    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_created)
            return;
        await _table.CreateIfNotExistsAsync(cancellationToken);
        _created = true;
    }

    // GitHub repository names ignore case: "Owner/Repo" and "owner/repo" share one budget.
    private static string Partition(string repository, string month) => TableKey.Encode(repository.ToLowerInvariant() + "|" + month);
}
