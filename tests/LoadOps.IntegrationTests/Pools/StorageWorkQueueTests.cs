using LoadOps.Cloud.Pools;

namespace LoadOps.IntegrationTests.Pools;

/// <summary>The Storage-queue work queue as an agent uses it: through a SAS URL, the visibility timeout as the lock.</summary>
public sealed class StorageWorkQueueTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(StorageWorkQueue Dispatch, StorageWorkQueue Agent)> QueuesAsync(TimeSpan lockDuration)
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var url = await PoolFixtures.AgentQueueUrlAsync(clients, "lab", Ct);
        return (new StorageWorkQueue(PoolFixtures.PoolQueue(clients, "lab"), lockDuration), StorageWorkQueue.FromSasUrl(url, lockDuration));
    }

    [Fact]
    public async Task A_received_item_is_hidden_until_its_lock_ends_and_renewing_keeps_it_hidden()
    {
        var (dispatch, agent) = await QueuesAsync(TimeSpan.FromSeconds(2));
        await dispatch.SendAsync("""{"n":1}""", "m1", TimeSpan.FromMinutes(5), Ct);

        var item = await agent.ReceiveAsync(Ct);
        Assert.NotNull(item);
        Assert.Equal("""{"n":1}""", item.Body);
        Assert.Equal(1, item.DeliveryCount);
        Assert.Null(await agent.ReceiveAsync(Ct));

        var renewed = await agent.RenewAsync(item, Ct);
        Assert.NotEqual(item.Receipt, renewed.Receipt);
        await Assert.ThrowsAsync<WorkQueueException>(() => agent.CompleteAsync(item, Ct));   // the old receipt is stale
        await agent.CompleteAsync(renewed, Ct);
        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);
        Assert.Null(await agent.ReceiveAsync(Ct));
    }

    [Fact]
    public async Task An_abandoned_item_comes_back_at_once_and_an_expired_lock_is_lock_lost()
    {
        var (dispatch, agent) = await QueuesAsync(TimeSpan.FromSeconds(1));
        await dispatch.SendAsync("{}", "m1", TimeSpan.FromMinutes(5), Ct);

        await agent.AbandonAsync((await agent.ReceiveAsync(Ct))!, Ct);
        var again = await agent.ReceiveAsync(Ct);
        Assert.Equal(2, again!.DeliveryCount);

        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        var third = await agent.ReceiveAsync(Ct);   // the lock ran out: another agent may take it
        Assert.Equal(3, third!.DeliveryCount);
        var lost = await Assert.ThrowsAsync<WorkQueueException>(() => agent.RenewAsync(again, Ct));
        Assert.Equal(WorkQueueFailure.LockLost, lost.Failure);
    }

    [Fact]
    public async Task A_sas_without_the_right_permissions_is_refused_with_what_to_check()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var queue = PoolFixtures.PoolQueue(clients, "lab");
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        var addOnly = StorageWorkQueue.FromSasUrl(queue.GenerateSasUri(Azure.Storage.Sas.QueueSasPermissions.Add, DateTimeOffset.UtcNow.AddHours(1)), TimeSpan.FromSeconds(30));

        var e = await Assert.ThrowsAsync<WorkQueueException>(() => addOnly.ReceiveAsync(Ct));

        Assert.Equal(WorkQueueFailure.Refused, e.Failure);
        Assert.Contains("process and update", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", e.Message, StringComparison.Ordinal);
    }
}
