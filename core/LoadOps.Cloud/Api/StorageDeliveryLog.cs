using LoadOps.Cloud.Storage;

namespace LoadOps.Cloud.Api;

/// <summary>The webhook's delivery log kept in the <c>deliveries</c> table.</summary>
public sealed class StorageDeliveryLog(DeliveryStore deliveries) : IDeliveryLog
{
    public Task<bool> TryRecordAsync(string deliveryId, CancellationToken cancellationToken) =>
        deliveries.TryRecordAsync(deliveryId, "webhook", cancellationToken);

    public Task ForgetAsync(string deliveryId, CancellationToken cancellationToken) => deliveries.ForgetAsync(deliveryId, cancellationToken);
}
