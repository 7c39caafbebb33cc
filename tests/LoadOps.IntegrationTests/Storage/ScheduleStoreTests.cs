using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

public sealed class ScheduleStoreTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tick_is_claimed_by_exactly_one_of_two_overlapping_timers()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var timerA = new ScheduleStore(clients, TimeProvider.System);
        var timerB = new ScheduleStore(clients, TimeProvider.System);
        var due = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

        for (var round = 0; round < 5; round++)
        {
            var tick = due.AddDays(round);
            var claims = await Task.WhenAll(
                Task.Run(() => timerA.TryClaimTickAsync("octo/shop|checkout|0", tick, Ct), Ct),
                Task.Run(() => timerB.TryClaimTickAsync("octo/shop|checkout|0", tick, Ct), Ct));
            Assert.Single(claims, claimed => claimed);
        }

        Assert.True(await timerA.TryClaimTickAsync("octo/shop|search|0", due, Ct));
    }

    [Fact]
    public async Task Last_fired_is_the_latest_claimed_due_time()
    {
        var store = new ScheduleStore(await azurite.NewClientsAsync(Ct), TimeProvider.System);
        var key = "octo/shop|checkout|0";
        Assert.Null(await store.GetLastFiredAsync(key, Ct));

        var first = new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.FromHours(1));
        await store.TryClaimTickAsync(key, first.AddDays(1), Ct);
        await store.TryClaimTickAsync(key, first, Ct);

        Assert.Equal(first.AddDays(1), await store.GetLastFiredAsync(key, Ct));
    }

    [Fact]
    public async Task Checked_until_survives_re_registration_and_is_not_written_to_a_removed_schedule()
    {
        var store = new ScheduleStore(await azurite.NewClientsAsync(Ct), TimeProvider.System);
        var nightly = new ScheduleRecord
        {
            Key = "octo/shop|checkout|0", Repo = "octo/shop", TestName = "checkout", Branch = "main",
            Cron = "0 3 * * *", DefinitionPath = "loadtests/checkout.loadtest.yaml",
        };
        await store.RegisterAsync(nightly, Ct);
        Assert.Null((await store.ListAsync(Ct)).Single().CheckedUntil);

        var due = new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);
        await store.MarkCheckedAsync(nightly.Key, due, Ct);
        await store.RegisterAsync(nightly with { Cron = "0 4 * * *" }, Ct);
        var listed = (await store.ListAsync(Ct)).Single();
        Assert.Equal(due, listed.CheckedUntil);
        Assert.Equal("0 4 * * *", listed.Cron);

        await store.RemoveAsync(nightly.Key, Ct);
        await store.MarkCheckedAsync(nightly.Key, due.AddDays(1), Ct);
        Assert.Empty(await store.ListAsync(Ct));
    }

    [Fact]
    public async Task Registrations_round_trip_and_can_be_removed()
    {
        var store = new ScheduleStore(await azurite.NewClientsAsync(Ct), TimeProvider.System);
        var nightly = new ScheduleRecord
        {
            Key = "octo/shop|checkout|0", Repo = "octo/shop", TestName = "checkout", Branch = "main",
            Cron = "0 3 * * *", TimeZone = "Europe/Paris", DefinitionPath = "loadtests/checkout.loadtest.yaml",
        };
        await store.RegisterAsync(nightly, Ct);
        await store.RegisterAsync(nightly with { Key = "octo/shop|search|0", TestName = "search" }, Ct);
        await store.RegisterAsync(nightly with { Cron = "30 2 * * *" }, Ct);

        var listed = await store.ListAsync(Ct);
        Assert.Equal(2, listed.Count);
        Assert.Contains(nightly with { Cron = "30 2 * * *" }, listed);

        await store.RemoveAsync("octo/shop|search|0", Ct);
        Assert.Equal(["octo/shop|checkout|0"], (await store.ListAsync(Ct)).Select(s => s.Key));
    }

    [Fact]
    public async Task Purging_old_claims_keeps_the_newest_and_the_recent_ones()
    {
        var store = new ScheduleStore(await azurite.NewClientsAsync(Ct), TimeProvider.System);
        var key = "octo/shop|checkout|0";
        var first = new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero);
        for (var day = 0; day < 10; day++)
            await store.TryClaimTickAsync(key, first.AddDays(day), Ct);
        await store.TryClaimTickAsync("octo/shop|other|0", first, Ct);

        Assert.Equal(7, await store.PurgeClaimsAsync(key, first.AddDays(7), Ct));
        Assert.Equal(first.AddDays(9), await store.GetLastFiredAsync(key, Ct));
        Assert.False(await store.TryClaimTickAsync(key, first.AddDays(7), Ct));
        Assert.True(await store.TryClaimTickAsync(key, first.AddDays(6), Ct));
        Assert.Equal(0, await store.PurgeClaimsAsync("octo/shop|other|0", first.AddDays(30), Ct));
    }
}
