using Azure.Data.Tables;
using Azure;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Storage;

/// <summary>Row access for <see cref="ShardStore"/>: inserts, partition queries and ETag-guarded read-modify-write.</summary>
internal sealed class ShardTable(TableClient table, TimeProvider clock)
{
    private const int MaxTransactionSize = 100;

    /// <summary>
    /// Inserts rows that do not exist yet. One partition, so up to 100 rows go in one transaction; if any row exists
    /// already (a retried plan) the transaction is refused as a whole and that chunk is added row by row.
    /// </summary>
    public async Task AddMissingAsync(IEnumerable<ShardRecord> shards, CancellationToken cancellationToken)
    {
        foreach (var chunk in shards.Chunk(MaxTransactionSize))
        {
            var adds = chunk.Select(s => new TableTransactionAction(TableTransactionActionType.Add, ShardEntityMap.ToEntity(s)));
            try
            {
                await table.SubmitTransactionAsync(adds, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == ConflictBackoff.Conflict)
            {
                foreach (var shard in chunk)
                    await AddIfAbsentAsync(shard, cancellationToken);
            }
        }
    }

    public async Task<ShardRecord?> GetAsync(string runId, string shardId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(
            ShardEntityMap.PartitionKey(runId), ShardEntityMap.RowKey(shardId), cancellationToken: cancellationToken);
        return response.HasValue ? ShardEntityMap.FromEntity(response.Value!) : null;
    }

    public IAsyncEnumerable<TableEntity> QueryRunAsync(string runId, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        var partition = ShardEntityMap.PartitionKey(runId);
        return table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: select, cancellationToken: cancellationToken);
    }

    /// <summary>Rows of every run whose runner resources still wait for the runner sweep (a cross-partition scan).</summary>
    public IAsyncEnumerable<TableEntity> QueryTeardownPendingAsync(CancellationToken cancellationToken) =>
        table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"TeardownPending eq {true}"), cancellationToken: cancellationToken);

    /// <summary>
    /// Reads the row, lets <paramref name="decide"/> pick the new row (null: leave it) and an outcome, and writes under
    /// the row's ETag; on 412 starts over from a fresh read. <paramref name="notFound"/> is returned for a missing row.
    /// </summary>
    public async Task<T> UpdateAsync<T>(
        string runId, string shardId, T notFound, Func<ShardRecord, (ShardRecord? Next, T Outcome)> decide, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrEmpty(shardId);
        for (var attempt = 0; attempt < ConflictBackoff.MaxAttempts; attempt++)
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(
                ShardEntityMap.PartitionKey(runId), ShardEntityMap.RowKey(shardId), cancellationToken: cancellationToken);
            if (!response.HasValue)
                return notFound;

            var (next, outcome) = decide(ShardEntityMap.FromEntity(response.Value!));
            if (next is null)
                return outcome;
            try
            {
                await table.UpdateEntityAsync(ShardEntityMap.ToEntity(next), response.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return outcome;
            }
            catch (RequestFailedException e) when (e.Status == ConflictBackoff.PreconditionFailed)
            {
                await ConflictBackoff.DelayAsync(attempt, clock, cancellationToken);
            }
        }

        throw ConflictBackoff.GaveUp($"Shard {shardId} of run {runId}");
    }

    /// <summary>
    /// Sets only <see cref="ShardRecord.CountedOnRun"/>, unconditionally (a merge of one property): nothing else writes
    /// it true, and a concurrent full-row write that loses it only makes a later duplicate count the shard again, which
    /// the run's recount absorbs.
    /// </summary>
    public Task MarkCountedAsync(string runId, string shardId, CancellationToken cancellationToken) =>
        table.UpdateEntityAsync(
            new TableEntity(ShardEntityMap.PartitionKey(runId), ShardEntityMap.RowKey(shardId)) { [nameof(ShardRecord.CountedOnRun)] = true },
            ETag.All, TableUpdateMode.Merge, cancellationToken);

    private async Task AddIfAbsentAsync(ShardRecord shard, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(ShardEntityMap.ToEntity(shard), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == ConflictBackoff.Conflict)
        {
            // Already created by an earlier attempt of the same plan.
        }
    }
}
