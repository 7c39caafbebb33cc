using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>The active-run repository contract on Azure Tables (Azurite, fresh table names per test; a store per host).</summary>
public sealed class ActiveRunStoreContractTests(AzuriteFixture azurite) : ActiveRunRepositoryContract
{
    protected override async Task<Func<IActiveRunRepository>> NewHostsAsync()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        return () => new ActiveRunStore(clients);
    }
}
