using LoadOps.Core.Policy;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>
/// What every <see cref="IActiveRunRepository"/> must do, run against each implementation: Azure Tables on Azurite
/// (<see cref="ActiveRunStoreContractTests"/>) and memory (<see cref="InMemoryActiveRunsContractTests"/>).
/// </summary>
public abstract class ActiveRunRepositoryContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Repository = "octo/shop";

    /// <summary>
    /// One new, empty active-run repository, as each host sees it: every call opens another handle on it (on Azure
    /// another store on the same table, as two admitting hosts have; in memory the one instance).
    /// </summary>
    protected abstract Task<Func<IActiveRunRepository>> NewHostsAsync();

    private async Task<IActiveRunRepository> NewStoreAsync() => (await NewHostsAsync())();

    private static ActiveRun Run(string runId, int runners = 1, string repository = Repository) =>
        new(repository, runId, new RunDemand(12.5 * runners, 10 * runners, runners));

    private static Func<IReadOnlyList<ActiveRun>, Task<string?>> Admit => _ => Task.FromResult<string?>(null);

    [Fact]
    public async Task Runs_are_put_listed_per_repository_and_removed()
    {
        var store = await NewStoreAsync();
        Assert.Empty(await store.ListAsync(Repository, Ct));

        await store.PutAsync(Run("run-b", 2), Ct);
        await store.PutAsync(Run("run-a", 1), Ct);
        await store.PutAsync(Run("run-c", 3, "octo/other"), Ct);

        Assert.Equal([Run("run-a", 1), Run("run-b", 2)], await store.ListAsync(Repository, Ct));
        Assert.Equal([Run("run-c", 3, "octo/other")], await store.ListAsync("octo/other", Ct));

        await store.RemoveAsync(Repository, "run-b", Ct);
        await store.RemoveAsync(Repository, "run-b", Ct);
        await store.RemoveAsync(Repository, "run-never", Ct);

        Assert.Equal([Run("run-a", 1)], await store.ListAsync(Repository, Ct));
        Assert.Single(await store.ListAsync("octo/other", Ct));
    }

    [Fact]
    public async Task A_second_put_of_a_run_replaces_its_demand()
    {
        var store = await NewStoreAsync();
        await store.PutAsync(Run("run-a", 1), Ct);

        await store.PutAsync(Run("run-a", 4), Ct);

        Assert.Equal([Run("run-a", 4)], await store.ListAsync(Repository, Ct));
    }

    [Fact]
    public async Task Repository_names_differing_only_in_case_are_the_same_runs()
    {
        var store = await NewStoreAsync();
        await store.PutAsync(Run("run-a", 1, "Octo/Shop"), Ct);

        // A listed run carries the repository as the caller spelt it.
        Assert.Equal([Run("run-a", 1, "OCTO/shop")], await store.ListAsync("OCTO/shop", Ct));

        await store.RemoveAsync("octo/shop", "run-a", Ct);
        Assert.Empty(await store.ListAsync("Octo/Shop", Ct));
    }

    [Fact]
    public async Task An_admitted_claim_writes_the_run_and_the_refusal_sees_only_the_other_runs()
    {
        var store = await NewStoreAsync();
        await store.PutAsync(Run("run-a", 1), Ct);
        await store.PutAsync(Run("run-b", 2), Ct);
        IReadOnlyList<ActiveRun>? seen = null;

        var refusal = await store.ClaimAsync(Run("run-b", 5), others =>
        {
            seen = others;
            return Task.FromResult<string?>(null);
        }, Ct);

        Assert.Null(refusal);
        Assert.Equal([Run("run-a", 1)], seen);
        Assert.Equal([Run("run-a", 1), Run("run-b", 5)], await store.ListAsync(Repository, Ct));
        Assert.Null(await store.ClaimAsync(Run("run-c", 1), Admit, Ct));
        Assert.Equal(["run-a", "run-b", "run-c"], (await store.ListAsync(Repository, Ct)).Select(r => r.RunId));
    }

    [Fact]
    public async Task A_refused_claim_returns_the_refusal_and_leaves_no_row_for_the_run()
    {
        var store = await NewStoreAsync();
        await store.PutAsync(Run("run-a", 1), Ct);
        Func<IReadOnlyList<ActiveRun>, Task<string?>> full = others => Task.FromResult<string?>($"{others.Count} running");

        Assert.Equal("1 running", await store.ClaimAsync(Run("run-b", 1), full, Ct));
        Assert.Equal([Run("run-a", 1)], await store.ListAsync(Repository, Ct));

        // A run that had a row loses it when it is refused.
        await store.PutAsync(Run("run-c", 1), Ct);
        Assert.Equal("1 running", await store.ClaimAsync(Run("run-c", 1), _ => full([Run("run-a", 1)]), Ct));
        Assert.Equal([Run("run-a", 1)], await store.ListAsync(Repository, Ct));
    }

    [Fact]
    public async Task Of_two_simultaneous_claims_with_room_for_one_exactly_one_is_admitted()
    {
        var hosts = await NewHostsAsync();
        // Several rounds: one round's interleaving is up to the scheduler, each must come out right.
        for (var round = 0; round < 8; round++)
        {
            var repository = $"octo/shop-{round}";
            using var start = new SemaphoreSlim(0, 2);
            var attempts = new[] { "run-a", "run-b" }.Select(runId => Task.Run(async () =>
            {
                // One store per caller, as two hosts would have.
                var store = hosts();
                await start.WaitAsync(Ct);
                var refusal = await store.ClaimAsync(Run(runId, 1, repository),
                    others => Task.FromResult(others.Count > 0 ? $"{others[0].RunId} is running" : null), Ct);
                return (RunId: runId, Refusal: refusal);
            }, Ct)).ToList();
            start.Release(2);
            var results = await Task.WhenAll(attempts);

            var admitted = Assert.Single(results, r => r.Refusal is null);
            var refused = Assert.Single(results, r => r.Refusal is not null);
            Assert.Equal($"{admitted.RunId} is running", refused.Refusal);
            Assert.Equal([Run(admitted.RunId, 1, repository)], await hosts().ListAsync(repository, Ct));
        }
    }
}
