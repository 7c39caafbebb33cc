using LoadOps.Cloud.Storage;
using LoadOps.Core.Policy;
using LoadOps.IntegrationTests.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline;

/// <summary>
/// Regression (issue 14): repository caps had no lock. Each admission wrote its row and then read the partition, so two
/// admitted at the same instant could each see the other and both be refused, or (with one read before the other's
/// write) both pass. Claimed with the ETag of the partition's claim row, exactly one of two is admitted.
/// </summary>
public sealed class RepositoryAdmissionTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Of_two_simultaneous_admissions_with_room_for_one_exactly_one_is_admitted()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var runs = new RunStore(clients, TimeProvider.System);
        var policy = new LoadPolicy { MaxConcurrentRunners = 3 };
        var demand = new RunDemand(10, 0, 2);
        // Several rounds: one round's interleaving is up to the scheduler, each must come out right.
        for (var round = 0; round < 8; round++)
        {
            var repository = $"octo/shop-{round}";
            var first = TestRuns.NewRun() with { Repo = repository };
            var second = TestRuns.NewRun() with { Repo = repository };
            await runs.CreateAsync(first, Ct);
            await runs.CreateAsync(second, Ct);
            // One store and one admission per caller, as two hosts would have.
            using var start = new SemaphoreSlim(0, 2);
            var attempts = new[] { first, second }.Select(run => Task.Run(async () =>
            {
                await start.WaitAsync(Ct);
                return await new RepositoryAdmission(new ActiveRunStore(clients), new RunStore(clients, TimeProvider.System))
                    .TryAdmitAsync(repository, run.RunId, demand, policy, Ct);
            }, Ct)).ToList();
            start.Release(2);
            var refusals = await Task.WhenAll(attempts);

            Assert.Single(refusals, refusal => refusal is null);
            Assert.Contains("maxConcurrentRunners 3", Assert.Single(refusals, refusal => refusal is not null), StringComparison.Ordinal);
            Assert.Single(await new ActiveRunStore(clients).ListAsync(repository, Ct));
        }
    }
}
