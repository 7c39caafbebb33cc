using System.Text;
using Azure.Storage.Queues;
using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

public sealed class StageQueueTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Hidden = TimeSpan.FromSeconds(30);

    public sealed record ShardDone(string RunId, string ShardId);

    private async Task<(StorageClients Clients, StageQueue Queue)> NewQueueAsync(int maxDequeueCount = 5)
    {
        var clients = await azurite.NewClientsAsync(Ct);
        return (clients, new StageQueue(clients, clients.Names.Queue(StageQueueNames.Collect), maxDequeueCount));
    }

    /// <summary>A client that sees the stored text as is, without base64 decoding.</summary>
    private QueueClient RawClient(string queueName) => new(azurite.ConnectionString, queueName);

    [Fact]
    public async Task Sent_messages_are_received_typed_and_gone_after_delete()
    {
        var (_, queue) = await NewQueueAsync();
        await queue.SendAsync(new ShardDone("run-1", "run-1-s000"), Ct);

        var batch = await queue.ReceiveAsync<ShardDone>(10, Hidden, Ct);
        var message = Assert.Single(batch.Messages);
        Assert.Equal(new ShardDone("run-1", "run-1-s000"), message.Body);
        Assert.Equal(1, message.DequeueCount);
        Assert.Empty(batch.Poisoned);
        Assert.Empty((await queue.ReceiveAsync<ShardDone>(10, Hidden, Ct)).Messages);

        await queue.DeleteAsync(message.Receipt, Ct);
        Assert.False((await RawClient(queue.Name).PeekMessagesAsync(10, Ct)).Value.Length > 0);
    }

    [Fact]
    public async Task The_stored_message_text_is_base64_of_compact_json()
    {
        var (_, queue) = await NewQueueAsync();
        await queue.SendAsync(new ShardDone("run-1", "run-1-s000"), Ct);

        var raw = Assert.Single((await RawClient(queue.Name).PeekMessagesAsync(1, Ct)).Value).Body.ToString();

        Assert.DoesNotContain("{", raw, StringComparison.Ordinal);
        Assert.Equal("""{"runId":"run-1","shardId":"run-1-s000"}""", Encoding.UTF8.GetString(Convert.FromBase64String(raw)));
    }

    [Fact]
    public async Task A_message_received_more_than_the_limit_moves_to_the_poison_queue()
    {
        var (_, queue) = await NewQueueAsync(maxDequeueCount: 5);
        await queue.SendAsync(new ShardDone("run-7", "run-7-s003"), Ct);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var message = Assert.Single((await queue.ReceiveAsync<ShardDone>(1, Hidden, Ct)).Messages);
            Assert.Equal(attempt, message.DequeueCount);
            await queue.AbandonAsync(message.Receipt, Ct);
        }

        var last = await queue.ReceiveAsync<ShardDone>(1, Hidden, Ct);
        Assert.Empty(last.Messages);
        var poisoned = Assert.Single(last.Poisoned);
        Assert.Equal("run-7", poisoned.Body!.RunId);
        Assert.Equal(6, poisoned.DequeueCount);
        Assert.Contains("5 deliveries that were never settled", poisoned.Reason, StringComparison.Ordinal);

        Assert.Empty((await RawClient(queue.Name).PeekMessagesAsync(10, Ct)).Value);
        var parked = Assert.Single((await RawClient(StageQueueNames.PoisonOf(queue.Name)).PeekMessagesAsync(10, Ct)).Value);
        Assert.Equal(poisoned.RawBody, Encoding.UTF8.GetString(Convert.FromBase64String(parked.Body.ToString())));
    }

    [Fact]
    public async Task An_unreadable_message_is_poisoned_at_once_with_the_reason()
    {
        var (clients, queue) = await NewQueueAsync();
        await clients.Queues.GetQueueClient(queue.Name).SendMessageAsync("this is not json", Ct);

        var batch = await queue.ReceiveAsync<ShardDone>(1, Hidden, Ct);

        Assert.Empty(batch.Messages);
        var poisoned = Assert.Single(batch.Poisoned);
        Assert.Null(poisoned.Body);
        Assert.Contains("not a valid ShardDone", poisoned.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regression_a_message_that_is_not_base64_is_poisoned_instead_of_failing_the_whole_receive()
    {
        // Before: the SDK's base64 decoding threw inside ReceiveMessagesAsync, so serve crashed at every start.
        var (_, queue) = await NewQueueAsync();
        await RawClient(queue.Name).SendMessageAsync("run the checkout test please", Ct);
        await queue.SendAsync(new ShardDone("run-4", "run-4-s000"), Ct);

        var batch = await queue.ReceiveAsync<ShardDone>(10, Hidden, Ct);

        Assert.Equal(new ShardDone("run-4", "run-4-s000"), Assert.Single(batch.Messages).Body);
        var poisoned = Assert.Single(batch.Poisoned);
        Assert.Contains("not base64", poisoned.Reason, StringComparison.Ordinal);
        var parked = Assert.Single((await RawClient(StageQueueNames.PoisonOf(queue.Name)).PeekMessagesAsync(10, Ct)).Value);
        Assert.Equal("run the checkout test please", Encoding.UTF8.GetString(Convert.FromBase64String(parked.Body.ToString())));
    }

    [Fact]
    public async Task Poisoning_a_received_message_parks_its_text_and_keeps_the_given_reason()
    {
        var (_, queue) = await NewQueueAsync();
        await queue.SendAsync(new ShardDone("run-5", "run-5-s001"), Ct);
        var message = Assert.Single((await queue.ReceiveAsync<ShardDone>(1, Hidden, Ct)).Messages);

        var poisoned = await queue.PoisonAsync(message, "the blob store refused: 403", Ct);

        Assert.Equal(("run-5", "the blob store refused: 403"), (poisoned.Body!.RunId, poisoned.Reason));
        Assert.Empty((await RawClient(queue.Name).PeekMessagesAsync(10, Ct)).Value);
        var parked = Assert.Single((await RawClient(StageQueueNames.PoisonOf(queue.Name)).PeekMessagesAsync(10, Ct)).Value);
        Assert.Equal("""{"runId":"run-5","shardId":"run-5-s001"}""", Encoding.UTF8.GetString(Convert.FromBase64String(parked.Body.ToString())));
    }

    [Fact]
    public async Task Extending_keeps_the_message_hidden_and_returns_a_receipt_that_deletes_it()
    {
        var (_, queue) = await NewQueueAsync();
        await queue.SendAsync(new ShardDone("run-2", "run-2-s000"), Ct);
        var message = Assert.Single((await queue.ReceiveAsync<ShardDone>(1, TimeSpan.FromSeconds(5), Ct)).Messages);

        var extended = await queue.ExtendAsync(message.Receipt, Hidden, Ct);
        Assert.NotEqual(message.Receipt.PopReceipt, extended.PopReceipt);
        await queue.DeleteAsync(extended, Ct);

        Assert.Empty((await RawClient(queue.Name).PeekMessagesAsync(10, Ct)).Value);
    }

    public sealed record Bulky(string RunId, string Payload);

    [Fact]
    public async Task A_message_too_large_for_a_queue_is_refused_before_sending()
    {
        var (_, queue) = await NewQueueAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            queue.SendAsync(new Bulky("run-3", new string('x', StageQueue.MaxJsonBytes)), Ct));

        Assert.Contains("blob", error.Message, StringComparison.Ordinal);
        Assert.Empty((await RawClient(queue.Name).PeekMessagesAsync(10, Ct)).Value);
    }
}
