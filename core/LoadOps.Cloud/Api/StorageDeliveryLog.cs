using LoadOps.Cloud.Storage;

namespace LoadOps.Cloud.Api;

/// <summary>A delivery log kept in the <c>deliveries</c> table: the webhook's, or the Slack reports' (<paramref name="kind"/>).</summary>
public sealed class StorageDeliveryLog(DeliveryStore deliveries, string kind = "webhook") : IDeliveryLog
{
    public Task<bool> TryRecordAsync(string deliveryId, CancellationToken cancellationToken) =>
        deliveries.TryRecordAsync(deliveryId, kind, cancellationToken);

    public Task ForgetAsync(string deliveryId, CancellationToken cancellationToken) => deliveries.ForgetAsync(deliveryId, cancellationToken);
}
