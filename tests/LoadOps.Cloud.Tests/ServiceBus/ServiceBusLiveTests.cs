using LoadOps.Cloud.Pools;
using LoadOps.Cloud.ServiceBus;

namespace LoadOps.Cloud.Tests.ServiceBus;

/// <summary>
/// Against a real Service Bus queue, only when <c>LOADOPS_LIVE_SERVICEBUS</c> holds a connection string with
/// <c>EntityPath</c> (a test queue with Send and Listen, LockDuration ≥ 30 s): send, receive, renew, abandon, receive
/// again, complete; and a queue that does not exist is refused (not a lost lock).
/// </summary>
public sealed class ServiceBusLiveTests
{
    private static (ServiceBusConnectionString Connection, string Queue) Settings()
    {
        var text = Environment.GetEnvironmentVariable("LOADOPS_LIVE_SERVICEBUS");
        Assert.SkipWhen(string.IsNullOrEmpty(text), "LOADOPS_LIVE_SERVICEBUS is not set (a Service Bus connection string with EntityPath=QUEUE)");
        Assert.True(ServiceBusConnectionString.TryParse(text, out var parsed, out var problem), problem);
        Assert.False(parsed!.EntityPath is null, "LOADOPS_LIVE_SERVICEBUS needs EntityPath=QUEUE");
        return (parsed, parsed.EntityPath!);
    }

    private static ServiceBusWorkQueue Queue(ServiceBusConnectionString connection, string name, TimeSpan wait) =>
        new(ServiceBusConnection.FromSharedAccessKey(connection.Namespace, connection.KeyName, connection.Key), name, wait, ownsClient: true);

    [Fact]
    public async Task A_message_goes_round_the_peek_lock_cycle()
    {
        var (connection, queueName) = Settings();
        var token = TestContext.Current.CancellationToken;
        await using var queue = Queue(connection, queueName, TimeSpan.FromSeconds(10));
        var id = "live-" + Guid.NewGuid().ToString("N");

        await queue.SendAsync("""{"live":true}""", id, TimeSpan.FromMinutes(5), token);
        var first = await ReceiveAsync(queue, id, token);
        var renewed = await queue.RenewAsync(first, token);
        await queue.AbandonAsync(renewed, token);
        var second = await ReceiveAsync(queue, id, token);
        await queue.CompleteAsync(second, token);

        Assert.Equal("""{"live":true}""", first.Body);
        Assert.True(second.DeliveryCount > first.DeliveryCount);
        var settledTwice = await Assert.ThrowsAsync<WorkQueueException>(() => queue.CompleteAsync(second, token));
        Assert.Equal(WorkQueueFailure.LockLost, settledTwice.Failure);
    }

    [Fact]
    public async Task A_queue_that_does_not_exist_is_refused()
    {
        var (connection, _) = Settings();
        await using var queue = Queue(connection, "loadops-no-such-queue-" + Guid.NewGuid().ToString("N")[..8], TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<WorkQueueException>(() => queue.SendAsync("{}", "x", TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));

        Assert.Equal(WorkQueueFailure.Refused, error.Failure);
    }

    private static async Task<WorkItem> ReceiveAsync(ServiceBusWorkQueue queue, string id, CancellationToken token)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (await queue.ReceiveAsync(token) is { } item)
            {
                if (item.Id == id)
                    return item;
                await queue.AbandonAsync(item, token);
            }
        }
        throw new InvalidOperationException($"message {id} was not received within 10 tries");
    }
}
