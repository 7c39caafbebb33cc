using LoadOps.Cloud.Storage;
using Microsoft.Extensions.Time.Testing;

namespace LoadOps.IntegrationTests.Storage;

public sealed class DeliveryStoreTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_delivery_id_is_accepted_once_even_concurrently()
    {
        var store = new DeliveryStore(await azurite.NewClientsAsync(Ct), TimeProvider.System);
        var id = Guid.NewGuid().ToString();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => store.TryRecordAsync(id, "push", Ct), Ct)));

        Assert.Single(results, accepted => accepted);
        Assert.False(await store.TryRecordAsync(id, "push", Ct));
        Assert.True(await store.TryRecordAsync(Guid.NewGuid().ToString(), "pull_request", Ct));
    }

    [Fact]
    public async Task Purge_forgets_old_deliveries_only()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new DeliveryStore(await azurite.NewClientsAsync(Ct), clock);
        await store.TryRecordAsync("old", "push", Ct);
        clock.Advance(TimeSpan.FromDays(10));
        await store.TryRecordAsync("new", "push", Ct);

        Assert.Equal(1, await store.PurgeOlderThanAsync(clock.GetUtcNow().AddDays(-3), Ct));
        Assert.True(await store.TryRecordAsync("old", "push", Ct));
        Assert.False(await store.TryRecordAsync("new", "push", Ct));
    }
}
