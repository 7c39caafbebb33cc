using LoadOps.Pipeline.Cost;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>
/// What every <see cref="ISpendRepository"/> must do, run against each implementation: Azure Tables on Azurite
/// (<see cref="SpendStoreContractTests"/>) and memory (<see cref="InMemorySpendContractTests"/>). The monthly budget
/// under concurrent admissions: the claim is optimistic, never check-then-charge.
/// </summary>
public abstract class SpendRepositoryContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string Month = RunCostGate.Month(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// One new, empty spend repository, as each host sees it: every call opens another handle on it (on Azure another
    /// store on the same table, as each admission has; in memory the one instance).
    /// </summary>
    protected abstract Task<Func<ISpendRepository>> NewHostsAsync();

    private async Task<ISpendRepository> NewStoreAsync() => (await NewHostsAsync())();

    [Fact]
    public async Task Regression_concurrent_admissions_cannot_both_spend_the_last_of_a_budget()
    {
        var hosts = await NewHostsAsync();
        await hosts().ChargeAsync("octo/shop", Month, "earlier", 7m, Ct);

        // Eight runs of 2.00 each against 3.00 left: exactly one may pass. Each admission has its own store, as hosts do.
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => hosts().ClaimAsync("octo/shop", Month, $"run-{i}", 2m, 10m, Ct), Ct)));

        Assert.Single(claims, c => c.Charged);
        Assert.All(claims.Where(c => !c.Charged), c => Assert.Equal(9m, c.SpentBefore));
        Assert.Equal(9m, await hosts().MonthToDateAsync("octo/shop", Month, null, Ct));
    }

    [Fact]
    public async Task A_run_claimed_twice_is_charged_once_and_stays_admitted()
    {
        var store = await NewStoreAsync();

        var first = await store.ClaimAsync("octo/shop", Month, "run-a", 6m, 10m, Ct);
        var again = await store.ClaimAsync("octo/shop", Month, "run-a", 6m, 10m, Ct);
        var other = await store.ClaimAsync("octo/shop", Month, "run-b", 6m, 10m, Ct);

        Assert.Equal((true, 0m), first);
        Assert.Equal((true, 0m), again);
        Assert.Equal((false, 6m), other);
        Assert.Equal(6m, await store.MonthToDateAsync("octo/shop", Month, null, Ct));
    }

    [Fact]
    public async Task Spending_exactly_the_budget_is_allowed_and_no_budget_admits_anything()
    {
        var store = await NewStoreAsync();

        Assert.Equal((true, 0m), await store.ClaimAsync("octo/shop", Month, "run-a", 4m, 10m, Ct));
        Assert.Equal((true, 4m), await store.ClaimAsync("octo/shop", Month, "run-b", 6m, 10m, Ct));
        Assert.Equal((false, 10m), await store.ClaimAsync("octo/shop", Month, "run-c", 0.5m, 10m, Ct));
        Assert.Equal((true, 10m), await store.ClaimAsync("octo/shop", Month, "run-d", 100m, null, Ct));

        Assert.Equal(110m, await store.MonthToDateAsync("octo/shop", Month, null, Ct));
    }

    [Fact]
    public async Task A_charge_ignores_the_budget_and_a_second_charge_of_the_run_is_ignored()
    {
        var store = await NewStoreAsync();
        await store.ClaimAsync("octo/shop", Month, "run-a", 9m, 10m, Ct);

        await store.ChargeAsync("octo/shop", Month, "run-b", 5m, Ct);
        await store.ChargeAsync("octo/shop", Month, "run-b", 50m, Ct);

        Assert.Equal(14m, await store.MonthToDateAsync("octo/shop", Month, null, Ct));
        // The run charged before stays charged, at what it was charged, whatever the budget says now.
        Assert.Equal((true, 9m), await store.ClaimAsync("octo/shop", Month, "run-b", 5m, 1m, Ct));
    }

    [Fact]
    public async Task Month_to_date_can_leave_a_run_out_and_keeps_months_and_repositories_apart()
    {
        var store = await NewStoreAsync();
        var nextMonth = RunCostGate.Month(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await store.ChargeAsync("octo/shop", Month, "run-a", 1.25m, Ct);
        await store.ChargeAsync("octo/shop", Month, "run-b", 2.5m, Ct);
        await store.ChargeAsync("octo/shop", nextMonth, "run-c", 4m, Ct);
        await store.ChargeAsync("octo/other", Month, "run-d", 8m, Ct);

        Assert.Equal(3.75m, await store.MonthToDateAsync("octo/shop", Month, null, Ct));
        Assert.Equal(1.25m, await store.MonthToDateAsync("octo/shop", Month, "run-b", Ct));
        Assert.Equal(3.75m, await store.MonthToDateAsync("octo/shop", Month, "run-c", Ct));
        Assert.Equal(4m, await store.MonthToDateAsync("octo/shop", nextMonth, null, Ct));
        Assert.Equal(8m, await store.MonthToDateAsync("octo/other", Month, null, Ct));
        Assert.Equal(0m, await store.MonthToDateAsync("octo/none", Month, null, Ct));
        // A new month starts with nothing spent, whatever the previous one spent.
        Assert.Equal((true, 4m), await store.ClaimAsync("octo/shop", nextMonth, "run-e", 6m, 10m, Ct));
    }

    [Fact]
    public async Task Repository_names_differing_only_in_case_share_one_budget()
    {
        var store = await NewStoreAsync();
        await store.ChargeAsync("Octo/Shop", Month, "run-a", 7m, Ct);

        Assert.Equal(7m, await store.MonthToDateAsync("octo/shop", Month, null, Ct));
        Assert.Equal((false, 7m), await store.ClaimAsync("OCTO/shop", Month, "run-b", 4m, 10m, Ct));
        Assert.Equal((true, 0m), await store.ClaimAsync("octo/shop", Month, "run-a", 7m, 10m, Ct));
    }
}
