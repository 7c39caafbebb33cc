using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;

namespace LoadOps.Cloud.Pools;

/// <summary>
/// A pool's work queue on Service Bus through Azure.Messaging.ServiceBus, peek-lock: the lock lasts the queue's
/// LockDuration (set on the queue, e.g. 1 min in bicep) and <see cref="RenewAsync"/> extends it by that much again (the
/// agent's heartbeat). Receive waits up to <c>wait</c>. Messages that keep failing are dead-lettered by Service Bus after
/// the queue's MaxDeliveryCount. The SDK settles a message by the received object, so the queue keeps the ones it handed out.
/// </summary>
public sealed class ServiceBusWorkQueue : IWorkQueue, IAsyncDisposable
{
    private readonly ServiceBusClient? _ownedClient;
    private readonly ServiceBusSender _sender;
    private readonly ServiceBusReceiver _receiver;
    private readonly TimeSpan _wait;
    private readonly ConcurrentDictionary<string, ServiceBusReceivedMessage> _locked = new(StringComparer.Ordinal);

    /// <param name="ownsClient">true: disposing the queue closes the client's connection too.</param>
    public ServiceBusWorkQueue(ServiceBusClient client, string queue, TimeSpan wait, bool ownsClient = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        Name = queue;
        _wait = wait;
        _ownedClient = ownsClient ? client : null;
        _sender = client.CreateSender(queue);
        _receiver = client.CreateReceiver(queue, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.PeekLock, PrefetchCount = 0 });
    }

    public string Name { get; }

    /// <summary>True once the sender and receiver are closed (the queue was disposed).</summary>
    internal bool IsClosed => _sender.IsClosed && _receiver.IsClosed;

    public Task SendAsync(string body, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        Call(() => _sender.SendMessageAsync(
            new ServiceBusMessage(body) { MessageId = messageId, TimeToLive = timeToLive, ContentType = "application/json" }, cancellationToken));

    public async Task<WorkItem?> ReceiveAsync(CancellationToken cancellationToken)
    {
        ServiceBusReceivedMessage? message = null;
        await Call(async () => message = await _receiver.ReceiveMessageAsync(_wait, cancellationToken));
        if (message is null)
            return null;
        _locked[message.LockToken] = message;
        return new WorkItem(message.MessageId, message.Body.ToString(), message.DeliveryCount, message.LockToken);
    }

    public async Task CompleteAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var message = Locked(item);
        await Call(() => _receiver.CompleteMessageAsync(message, cancellationToken));
        _locked.TryRemove(item.Receipt, out _);
    }

    public async Task AbandonAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var message = Locked(item);
        await Call(() => _receiver.AbandonMessageAsync(message, cancellationToken: cancellationToken));
        _locked.TryRemove(item.Receipt, out _);
    }

    public async Task<WorkItem> RenewAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var message = Locked(item);
        await Call(() => _receiver.RenewMessageLockAsync(message, cancellationToken));
        return item;
    }

    private ServiceBusReceivedMessage Locked(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        // Not received here (another process, or already settled): its lock is not ours to use.
        return _locked.TryGetValue(item.Receipt, out var message)
            ? message
            : throw new WorkQueueException(WorkQueueFailure.LockLost, $"item {item.Id} of Service Bus queue '{Name}' is not locked by this agent");
    }

    private async Task Call(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is ServiceBusException or UnauthorizedAccessException or TimeoutException)
        {
            var failure = ServiceBusFailures.Classify(e);
            throw new WorkQueueException(failure, ServiceBusFailures.Describe(Name, e, failure), e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _sender.DisposeAsync();
        if (_ownedClient is not null)
            await _ownedClient.DisposeAsync();
    }
}
