namespace LoadOps.Cloud.Api;

/// <summary>Remembers webhook delivery ids, so that a redelivered webhook starts no second run.</summary>
public interface IDeliveryLog
{
    /// <summary>True the first time a delivery id is seen; false for every later time.</summary>
    Task<bool> TryRecordAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Forgets a recorded id whose run request could not be sent, so that a redelivery can still start it.</summary>
    Task ForgetAsync(string deliveryId, CancellationToken cancellationToken);
}
