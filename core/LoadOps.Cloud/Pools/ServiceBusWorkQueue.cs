using LoadOps.Cloud.ServiceBus;

namespace LoadOps.Cloud.Pools;

/// <summary>
/// A pool's work queue on Service Bus, peek-lock: the lock lasts the queue's LockDuration (set on the queue, e.g. 1 min
/// in bicep), renewing extends it by that much again. Receive long-polls up to <c>wait</c>. Messages that keep failing
/// are dead-lettered by Service Bus after the queue's MaxDeliveryCount.
/// </summary>
public sealed class ServiceBusWorkQueue(ServiceBusQueueClient client, TimeSpan wait) : IWorkQueue
{
    public string Name => client.Queue;

    public Task SendAsync(string body, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        Call(() => client.SendAsync(body, messageId, timeToLive, cancellationToken));

    public async Task<WorkItem?> ReceiveAsync(CancellationToken cancellationToken)
    {
        ServiceBusReceivedMessage? message = null;
        await Call(async () => message = await client.ReceiveAsync(wait, cancellationToken));
        return message is null ? null : new WorkItem(message.MessageId, message.Body, message.DeliveryCount, message.LockToken);
    }

    public Task CompleteAsync(WorkItem item, CancellationToken cancellationToken) =>
        Call(() => client.CompleteAsync(Locked(item), cancellationToken));

    public Task AbandonAsync(WorkItem item, CancellationToken cancellationToken) =>
        Call(() => client.AbandonAsync(Locked(item), cancellationToken));

    public async Task<WorkItem> RenewAsync(WorkItem item, CancellationToken cancellationToken)
    {
        await Call(() => client.RenewLockAsync(Locked(item), cancellationToken));
        return item;
    }

    private static ServiceBusReceivedMessage Locked(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new ServiceBusReceivedMessage(item.Body, item.Id, item.Receipt, 0, item.DeliveryCount, null);
    }

    private static async Task Call(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (ServiceBusException e)
        {
            // A malformed message is left locked: it comes back after the lock and is dead-lettered in the end.
            var failure = e.Failure switch
            {
                ServiceBusFailure.LockLost => WorkQueueFailure.LockLost,
                ServiceBusFailure.Unavailable or ServiceBusFailure.Malformed => WorkQueueFailure.Transient,
                _ => WorkQueueFailure.Refused,
            };
            throw new WorkQueueException(failure, e.Message, e);
        }
    }
}
