namespace LoadOps.Cloud.Pools;

/// <summary>
/// The work queue of a runner pool, at least once: a received item is locked (hidden from other agents) for a while and
/// comes back unless completed. Storage Queues (<see cref="StorageWorkQueue"/>, the visibility timeout is the lock) and
/// Service Bus (<see cref="ServiceBusWorkQueue"/>, peek-lock) implement it. Failures are <see cref="WorkQueueException"/>.
/// </summary>
public interface IWorkQueue
{
    /// <summary>The queue's name, for logs.</summary>
    string Name { get; }

    /// <summary>Enqueues a JSON body; it expires unreceived after <paramref name="timeToLive"/>.</summary>
    Task SendAsync(string body, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>Takes the next item and locks it; null when the queue is empty (Service Bus waits a little first).</summary>
    Task<WorkItem?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Removes an item: it was handled. Throws <see cref="WorkQueueFailure.LockLost"/> when the lock expired.</summary>
    Task CompleteAsync(WorkItem item, CancellationToken cancellationToken);

    /// <summary>Unlocks an item so it is received again (by any agent) at once.</summary>
    Task AbandonAsync(WorkItem item, CancellationToken cancellationToken);

    /// <summary>Extends the lock (heartbeat); use the returned item from then on (its receipt may change).</summary>
    Task<WorkItem> RenewAsync(WorkItem item, CancellationToken cancellationToken);
}
