using Azure.Data.Tables;
using Azure;

namespace LoadOps.Cloud.Storage;

/// <summary>
/// The <c>deliveries</c> table: GitHub webhook delivery ids already seen, so a redelivered webhook starts no second
/// run. One row per delivery (partition = delivery id), inserted only if absent.
/// </summary>
public sealed class DeliveryStore
{
    private const string RowKey = "delivery";
    private const string ReceivedAt = "ReceivedAt";
    private const string EventName = "Event";

    private readonly TableClient _table;
    private readonly TimeProvider _clock;

    public DeliveryStore(StorageClients clients, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _table = clients.Tables.GetTableClient(clients.Names.DeliveriesTable);
        _clock = clock;
    }

    /// <summary>True the first time a delivery id is recorded, false every later time (insert-if-absent; 409 means seen).</summary>
    public async Task<bool> TryRecordAsync(string deliveryId, string? eventName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        var entity = new TableEntity(TableKey.Encode(deliveryId), RowKey)
        {
            [ReceivedAt] = _clock.GetUtcNow(),
            [EventName] = eventName,
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == ConflictBackoff.Conflict)
        {
            return false;
        }
    }

    /// <summary>Deletes one delivery id (gone already: nothing to do).</summary>
    public async Task ForgetAsync(string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        await _table.DeleteEntityAsync(TableKey.Encode(deliveryId), RowKey, ETag.All, cancellationToken);
    }

    /// <summary>
    /// Deletes deliveries received before <paramref name="cutoff"/> (GitHub redelivers within hours, so a few days
    /// of memory is plenty); returns how many were deleted. A full scan: run it from a daily timer, not per request.
    /// </summary>
    public async Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"ReceivedAt lt {cutoff}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                await _table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException e) when (e.Status == ConflictBackoff.NotFound)
            {
                // Deleted by a concurrent purge.
            }
        }

        return deleted;
    }
}
