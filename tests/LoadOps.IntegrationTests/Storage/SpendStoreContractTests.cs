using LoadOps.Cloud.Cost;
using LoadOps.Pipeline.Cost;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>The spend repository contract on Azure Tables (Azurite, fresh table names per test; a store per host).</summary>
public sealed class SpendStoreContractTests(AzuriteFixture azurite) : SpendRepositoryContract
{
    protected override async Task<Func<ISpendRepository>> NewHostsAsync()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        return () => new SpendStore(clients);
    }
}
