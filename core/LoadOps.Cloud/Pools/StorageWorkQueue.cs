using Azure;
using Azure.Storage.Queues;

namespace LoadOps.Cloud.Pools;

/// <summary>
/// A pool's work queue on Azure Storage Queues. The visibility timeout is the lock: a received item stays hidden for
/// <c>lockDuration</c>, renewing updates the visibility (and the pop receipt), abandoning makes it visible at once.
/// Bodies are base64 (as every LoadOps queue). The client may come from a connection (dispatch) or from a queue URL with
/// a SAS granting process and update (an agent: no account key on the VM).
/// </summary>
public sealed class StorageWorkQueue : IWorkQueue
{
    /// <summary>64 KiB per message, and base64 turns 3 bytes into 4.</summary>
    public const int MaxJsonBytes = 48 * 1024;

    private readonly QueueClient _queue;
    private readonly TimeSpan _lockDuration;

    public StorageWorkQueue(QueueClient queue, TimeSpan lockDuration)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(lockDuration, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lockDuration, TimeSpan.FromDays(7));
        _queue = queue;
        _lockDuration = lockDuration;
    }

    /// <summary>From a queue URL carrying a SAS (<c>https://ACCOUNT.queue.core.windows.net/QUEUE?sv=…&amp;sp=pu&amp;sig=…</c>).</summary>
    public static StorageWorkQueue FromSasUrl(Uri queueUrl, TimeSpan lockDuration) =>
        new(new QueueClient(queueUrl, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }), lockDuration);

    public string Name => _queue.Name;

    public async Task SendAsync(string body, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var size = System.Text.Encoding.UTF8.GetByteCount(body);
        if (size > MaxJsonBytes)
            throw new WorkQueueException(WorkQueueFailure.Refused,
                $"The work item is {size} bytes of JSON; a Storage queue message holds at most {MaxJsonBytes}. Shorten the definition or use a Service Bus pool.");
        await Call("send to", async () =>
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await _queue.SendMessageAsync(body, visibilityTimeout: null, timeToLive: timeToLive, cancellationToken);
            return 0;
        }, cancellationToken);
    }

    public Task<WorkItem?> ReceiveAsync(CancellationToken cancellationToken) =>
        Call("receive from", async () =>
        {
            var message = (await _queue.ReceiveMessageAsync(_lockDuration, cancellationToken)).Value;
            return message is null ? null : new WorkItem(message.MessageId, message.Body.ToString(), (int)message.DequeueCount, message.PopReceipt);
        }, cancellationToken);

    public Task CompleteAsync(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Call("complete on", async () => (await _queue.DeleteMessageAsync(item.Id, item.Receipt, cancellationToken)).Status, cancellationToken);
    }

    public Task AbandonAsync(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Call("abandon on", async () =>
            (await _queue.UpdateMessageAsync(item.Id, item.Receipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken)).Value, cancellationToken);
    }

    public Task<WorkItem> RenewAsync(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Call("renew on", async () =>
        {
            var updated = await _queue.UpdateMessageAsync(item.Id, item.Receipt, visibilityTimeout: _lockDuration, cancellationToken: cancellationToken);
            return item with { Receipt = updated.Value.PopReceipt };
        }, cancellationToken);
    }

    /// <summary>
    /// Maps storage failures (after the SDK's own retries). The exception text is not passed on: with a SAS client it
    /// could quote the URL. 404 on a message (or 400 pop receipt mismatch) is a lost lock; 404 on the queue is a refusal.
    /// </summary>
    private async Task<T> Call<T>(string what, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action();
        }
        catch (RequestFailedException e) when (e.ErrorCode is "MessageNotFound" or "PopReceiptMismatch")
        {
            throw new WorkQueueException(WorkQueueFailure.LockLost, $"Storage queue '{Name}': the item's visibility lock was lost ({e.Status} {e.ErrorCode}); it will be (or was) delivered again.");
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403 or 404 or 400 or 413)
        {
            throw new WorkQueueException(WorkQueueFailure.Refused,
                $"Storage queue '{Name}' refused to {what} it ({e.Status} {e.ErrorCode}): check the queue URL, that its SAS grants " +
                "process and update (agents) or add (dispatch), and that it has not expired.");
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException or TimeoutException ||
                                  (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var status = e is RequestFailedException r ? $"{r.Status} {r.ErrorCode}" : e.GetType().Name;
            throw new WorkQueueException(WorkQueueFailure.Transient, $"Storage queue '{Name}': could not {what} it ({status}); the service is busy or unreachable.");
        }
    }
}
