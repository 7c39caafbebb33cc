using LoadOps.Cloud.Storage;
using LoadOps.Functions.Webhook;

namespace LoadOps.Functions.Storage;

/// <summary>The webhook's delivery log kept in the <c>deliveries</c> table.</summary>
internal sealed class StorageDeliveryLog(DeliveryStore deliveries) : IDeliveryLog
{
    public Task<bool> TryRecordAsync(string deliveryId, CancellationToken cancellationToken) =>
        deliveries.TryRecordAsync(deliveryId, "webhook", cancellationToken);
}
