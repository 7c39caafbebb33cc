using Azure.Data.Tables;
using Azure;
using LoadOps.Core.Policy;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Storage;

/// <summary>
/// The <c>activeruns</c> table: the runs each repository has admitted (partition = repository, row key = run id) with
/// their peak demand, summed against the policy's concurrent caps. Rows of finished runs are removed by whoever next
/// reads the partition (<see cref="Pipeline.RepositoryAdmission"/>), so no stage has to remember to do it. One more row
/// per partition, <see cref="ClaimRow"/>, is rewritten with its ETag by every admission (<see cref="ClaimAsync"/>).
/// </summary>
public sealed class ActiveRunStore : IActiveRunRepository
{
    private const string ClaimRow = "~claim";
    private const string Claims = "Claims";
    private const int MaxClaimAttempts = 50;
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
        await table.UpsertEntityAsync(Row(run), TableUpdateMode.Replace, cancellationToken);
    }

    private static TableEntity Row(ActiveRun run) => new(Partition(run.Repository), TableKey.Encode(run.RunId))
    {
        [nameof(ActiveRun.RunId)] = run.RunId,
        [Rate] = run.Demand.Rate,
        [Users] = run.Demand.Users,
        [Runners] = run.Demand.Runners,
    };

    /// <summary>
    /// Admits <paramref name="run"/> unless <paramref name="refusalOf"/>, given the partition's other runs, refuses it.
    /// The run's row is written in one transaction with the partition's claim row, replaced only if its ETag is still
    /// the one read before the others were listed: of two admissions at the same instant one commits, the other reads
    /// again and sees it, so both cannot pass a cap that has room for one. Returns the refusal, or null when admitted.
    /// </summary>
    public async Task<string?> ClaimAsync(ActiveRun run, Func<IReadOnlyList<ActiveRun>, Task<string?>> refusalOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(refusalOf);
        var table = await _table.GetAsync(cancellationToken);
        var partition = Partition(run.Repository);
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var claim = await table.GetEntityIfExistsAsync<TableEntity>(partition, ClaimRow, cancellationToken: cancellationToken);
            var others = (await ListAsync(run.Repository, cancellationToken)).Where(o => o.RunId != run.RunId).ToList();
            if (await refusalOf(others) is { } refusal)
            {
                await RemoveAsync(run.Repository, run.RunId, cancellationToken);
                return refusal;
            }

            var claims = new TableEntity(partition, ClaimRow) { [Claims] = (claim.HasValue ? claim.Value!.GetInt64(Claims) ?? 0 : 0) + 1 };
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.UpsertReplace, Row(run)),
                claim.HasValue ? new(TableTransactionActionType.UpdateReplace, claims, claim.Value!.ETag) : new(TableTransactionActionType.Add, claims),
            ];
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return null;
            }
            catch (TableTransactionFailedException e) when (e.Status is ConflictBackoff.Conflict or ConflictBackoff.PreconditionFailed)
            {
                // Another admission of this repository committed since the claim row was read: count again.
            }
        }
        throw new RequestFailedException(ConflictBackoff.Conflict,
            $"the running load of {run.Repository} changed on every one of {MaxClaimAttempts} attempts to admit {run.RunId}; try again");
    }

    public async Task<IReadOnlyList<ActiveRun>> ListAsync(string repository, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(repository)}");
        var runs = new List<ActiveRun>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (e.RowKey == ClaimRow)
                continue;
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
