using Azure.Data.Tables;
using Azure;
using LoadOps.Cloud.Storage;
using LoadOps.Pipeline.Cost;

namespace LoadOps.Cloud.Cost;

/// <summary>
/// The <c>spend</c> table, partitioned by repository and month (UTC): one row per run holding its estimated cost, and
/// one month-total row. A charge writes both in one transaction, the total replaced only if its ETag is still the one
/// read, so two admissions at the same instant cannot both spend the last of a budget (the loser reads again), and
/// charging a run twice (a redelivered dispatch) is impossible.
/// </summary>
public sealed class SpendStore(StorageClients clients) : ISpendRepository
{
    private const string TotalRow = "~month-total";
    private const int MaxClaimAttempts = 50;
    private readonly TableClient _table = clients.Tables.GetTableClient(clients.Names.SpendTable);
    private bool _created;


    /// <summary>The sum of every run's charge in the month, leaving out <paramref name="exceptRunId"/>.</summary>
    public async Task<decimal> MonthToDateAsync(string repository, string month, string? exceptRunId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var partition = Partition(repository, month);
        var total = 0m;
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            if (row.RowKey != TotalRow && row.GetString("RunId") != exceptRunId)
                total += (decimal)(row.GetDouble("Amount") ?? 0);
        }
        return total;
    }

    /// <summary>Charges a run once, whatever the budget; a second charge of the same run is ignored.</summary>
    public Task ChargeAsync(string repository, string month, string runId, decimal amount, CancellationToken cancellationToken) =>
        ClaimAsync(repository, month, runId, amount, null, cancellationToken);

    /// <summary>
    /// Charges the run if month-to-date spend plus <paramref name="amount"/> stays within <paramref name="budget"/> (null:
    /// no budget). Returns whether it is charged (a run charged before stays charged) and the spend before it.
    /// </summary>
    public async Task<(bool Charged, decimal SpentBefore)> ClaimAsync(
        string repository, string month, string runId, decimal amount, decimal? budget, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var partition = Partition(repository, month);
        var runKey = TableKey.Encode(runId);
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var total = await _table.GetEntityIfExistsAsync<TableEntity>(partition, TotalRow, cancellationToken: cancellationToken);
            // Months charged before the total row existed: start it from the runs' rows.
            var spent = total.HasValue ? (decimal)(total.Value!.GetDouble("Amount") ?? 0) : await MonthToDateAsync(repository, month, null, cancellationToken);
            var charged = await _table.GetEntityIfExistsAsync<TableEntity>(partition, runKey, cancellationToken: cancellationToken);
            if (charged.HasValue)
                return (true, spent - (decimal)(charged.Value!.GetDouble("Amount") ?? 0));
            if (budget is { } limit && spent + amount > limit)
                return (false, spent);

            var newTotal = new TableEntity(partition, TotalRow) { ["Amount"] = (double)(spent + amount) };
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.Add, new TableEntity(partition, runKey) { ["Repository"] = repository, ["RunId"] = runId, ["Amount"] = (double)amount }),
                total.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, newTotal, total.Value!.ETag)
                    : new(TableTransactionActionType.Add, newTotal),
            ];
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return (true, spent);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another admission changed the month's total (or charged this run) since it was read: read again.
            }
        }
        throw new RequestFailedException(409, $"the spend of {repository} in {month} changed on every one of {MaxClaimAttempts} attempts; try again");
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
