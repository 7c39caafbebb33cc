namespace LoadOps.Cloud.ServiceBus;

/// <summary>
/// A message received in peek-lock mode: hidden from other receivers until <see cref="LockedUntil"/>; settle it with
/// complete (done), abandon (let it be received again) or renew the lock while working on it.
/// </summary>
public sealed record ServiceBusReceivedMessage(
    string Body,
    string MessageId,
    string LockToken,
    long SequenceNumber,
    int DeliveryCount,
    DateTimeOffset? LockedUntil);
