using LoadOps.Cloud.Cost;
using LoadOps.Pipeline.Cost;

namespace LoadOps.IntegrationTests.Launchers;

/// <summary>The monthly budget under concurrent admissions, on Azurite: the claim is optimistic (ETag), never check-then-charge.</summary>
public sealed class SpendClaimTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Regression_concurrent_admissions_cannot_both_spend_the_last_of_a_budget()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var month = RunCostGate.Month(DateTimeOffset.UtcNow);
        await new SpendStore(clients).ChargeAsync("octo/shop", month, "earlier", 7m, Ct);

        // Eight runs of 2.00 each against 3.00 left: exactly one may pass. Each admission has its own store, as hosts do.
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            new SpendStore(clients).ClaimAsync("octo/shop", month, $"run-{i}", 2m, 10m, Ct)));

        Assert.Single(claims, c => c.Charged);
        Assert.Equal(9m, await new SpendStore(clients).MonthToDateAsync("octo/shop", month, null, Ct));
    }

    [Fact]
    public async Task A_run_claimed_twice_is_charged_once_and_stays_admitted()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var month = RunCostGate.Month(DateTimeOffset.UtcNow);
        var store = new SpendStore(clients);

        var first = await store.ClaimAsync("octo/shop", month, "run-a", 6m, 10m, Ct);
        var again = await store.ClaimAsync("octo/shop", month, "run-a", 6m, 10m, Ct);
        var other = await store.ClaimAsync("octo/shop", month, "run-b", 6m, 10m, Ct);

        Assert.True(first.Charged);
        Assert.True(again.Charged);
        Assert.False(other.Charged);
        Assert.Equal(6m, other.SpentBefore);
        Assert.Equal(6m, await store.MonthToDateAsync("octo/shop", month, null, Ct));
    }
}
