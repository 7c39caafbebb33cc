using Azure;
using Azure.Data.Tables;
using LoadOps.Core.Policy;

namespace LoadOps.Cloud.Storage;

/// <summary>
/// The <c>activeruns</c> table: the runs each repository has admitted (partition = repository, row key = run id) with
/// their peak demand, summed against the policy's concurrent caps. Rows of finished runs are removed by whoever next
/// reads the partition (<see cref="Pipeline.RepositoryAdmission"/>), so no stage has to remember to do it.
/// </summary>
public sealed class ActiveRunStore
{
    private const string Rate = "Rate";
    private const string Users = "Users";
    private const string Runners = "Runners";

    private readonly LazyTable _table;

    public ActiveRunStore(StorageClients clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _table = new LazyTable(clients.Tables, clients.Names.ActiveRunsTable);
    }

    /// <summary>Adds or replaces the run's row.</summary>
    public async Task PutAsync(ActiveRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var table = await _table.GetAsync(cancellationToken);
        var entity = new TableEntity(Partition(run.Repository), TableKey.Encode(run.RunId))
        {
            [nameof(ActiveRun.RunId)] = run.RunId,
            [Rate] = run.Demand.Rate,
            [Users] = run.Demand.Users,
            [Runners] = run.Demand.Runners,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<ActiveRun>> ListAsync(string repository, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(repository)}");
        var runs = new List<ActiveRun>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var demand = new RunDemand(e.GetDouble(Rate) ?? 0, e.GetInt32(Users) ?? 0, e.GetInt32(Runners) ?? 0);
            runs.Add(new ActiveRun(repository, e.GetString(nameof(ActiveRun.RunId)), demand));
        }
        return runs;
    }

    public async Task RemoveAsync(string repository, string runId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.DeleteEntityAsync(Partition(repository), TableKey.Encode(runId), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == ConflictBackoff.NotFound)
        {
            // Removed by another reader already.
        }
    }

    private static string Partition(string repository) => TableKey.Encode(repository.ToLowerInvariant());
}
