using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>
/// What every <see cref="IScheduleRepository"/> must do, run against each implementation: Azure Tables on Azurite
/// (<see cref="ScheduleStoreContractTests"/>) and memory (<see cref="InMemorySchedulesContractTests"/>).
/// </summary>
public abstract class ScheduleRepositoryContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Key = "octo/shop|checkout|0";

    /// <summary>
    /// One new, empty schedule repository, as each host sees it: every call opens another handle on it (on Azure another
    /// store on the same table, as two overlapping timers have; in memory the one instance).
    /// </summary>
    protected abstract Task<Func<IScheduleRepository>> NewHostsAsync();

    private async Task<IScheduleRepository> NewStoreAsync() => (await NewHostsAsync())();

    private static ScheduleRecord Nightly(string key = Key, string testName = "checkout") => new()
    {
        Key = key, Repo = "octo/shop", TestName = testName, Branch = "main",
        Cron = "0 3 * * *", TimeZone = "Europe/Paris", DefinitionPath = $"loadtests/{testName}.loadtest.yaml",
    };

    [Fact]
    public async Task A_tick_is_claimed_by_exactly_one_of_two_overlapping_timers()
    {
        var hosts = await NewHostsAsync();
        var timerA = hosts();
        var timerB = hosts();
        var due = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

        for (var round = 0; round < 5; round++)
        {
            var tick = due.AddDays(round);
            var claims = await Task.WhenAll(
                Task.Run(() => timerA.TryClaimTickAsync(Key, tick, Ct), Ct),
                Task.Run(() => timerB.TryClaimTickAsync(Key, tick, Ct), Ct));
            Assert.Single(claims, claimed => claimed);
        }

        Assert.True(await timerA.TryClaimTickAsync("octo/shop|search|0", due, Ct));
    }

    [Fact]
    public async Task The_same_instant_in_another_offset_is_the_same_tick()
    {
        var store = await NewStoreAsync();
        var due = new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);

        Assert.True(await store.TryClaimTickAsync(Key, due, Ct));
        Assert.False(await store.TryClaimTickAsync(Key, due.ToOffset(TimeSpan.FromHours(2)), Ct));
        Assert.False(await store.TryClaimTickAsync(Key, due, Ct));
        Assert.True(await store.TryClaimTickAsync(Key, due.AddTicks(1), Ct));
    }

    [Fact]
    public async Task Last_fired_is_the_latest_claimed_due_time()
    {
        var store = await NewStoreAsync();
        Assert.Null(await store.GetLastFiredAsync(Key, Ct));

        var first = new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.FromHours(1));
        await store.TryClaimTickAsync(Key, first.AddDays(1), Ct);
        await store.TryClaimTickAsync(Key, first, Ct);

        Assert.Equal(first.AddDays(1), await store.GetLastFiredAsync(Key, Ct));
        Assert.Null(await store.GetLastFiredAsync("octo/shop|search|0", Ct));
    }

    [Fact]
    public async Task Checked_until_survives_re_registration_and_is_not_written_to_a_removed_schedule()
    {
        var store = await NewStoreAsync();
        var nightly = Nightly();
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

        // Registered again, the schedule starts over: the removed registration's mark went with it.
        await store.RegisterAsync(nightly, Ct);
        Assert.Null((await store.ListAsync(Ct)).Single().CheckedUntil);
    }

    [Fact]
    public async Task Registrations_round_trip_and_can_be_removed()
    {
        var store = await NewStoreAsync();
        var nightly = Nightly();
        await store.RegisterAsync(nightly, Ct);
        await store.RegisterAsync(Nightly("octo/shop|search|0", "search"), Ct);
        await store.RegisterAsync(nightly with { Cron = "30 2 * * *" }, Ct);

        var listed = await store.ListAsync(Ct);
        Assert.Equal(2, listed.Count);
        Assert.Contains(nightly with { Cron = "30 2 * * *" }, listed);
        Assert.Contains(Nightly("octo/shop|search|0", "search"), listed);

        await store.RemoveAsync("octo/shop|search|0", Ct);
        Assert.Equal([Key], (await store.ListAsync(Ct)).Select(s => s.Key));
    }

    [Fact]
    public async Task A_removed_schedule_keeps_its_claims_so_a_re_registered_one_does_not_fire_a_tick_again()
    {
        var store = await NewStoreAsync();
        var due = new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);
        await store.RegisterAsync(Nightly(), Ct);
        Assert.True(await store.TryClaimTickAsync(Key, due, Ct));

        await store.RemoveAsync(Key, Ct);
        await store.RegisterAsync(Nightly(), Ct);

        Assert.False(await store.TryClaimTickAsync(Key, due, Ct));
        Assert.Equal(due, await store.GetLastFiredAsync(Key, Ct));
    }

    [Fact]
    public async Task Purging_old_claims_keeps_the_newest_and_the_recent_ones()
    {
        var store = await NewStoreAsync();
        var first = new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero);
        for (var day = 0; day < 10; day++)
            await store.TryClaimTickAsync(Key, first.AddDays(day), Ct);
        await store.TryClaimTickAsync("octo/shop|other|0", first, Ct);

        Assert.Equal(7, await store.PurgeClaimsAsync(Key, first.AddDays(7), Ct));
        Assert.Equal(first.AddDays(9), await store.GetLastFiredAsync(Key, Ct));
        Assert.False(await store.TryClaimTickAsync(Key, first.AddDays(7), Ct));
        Assert.True(await store.TryClaimTickAsync(Key, first.AddDays(6), Ct));
        Assert.Equal(0, await store.PurgeClaimsAsync("octo/shop|other|0", first.AddDays(30), Ct));
        Assert.Equal(0, await store.PurgeClaimsAsync("octo/shop|never|0", first.AddDays(30), Ct));
        Assert.Equal(first, await store.GetLastFiredAsync("octo/shop|other|0", Ct));
    }
}
