using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>The shard repository contract on Azure Tables (Azurite, fresh table names per test).</summary>
public sealed class ShardStoreContractTests(AzuriteFixture azurite) : ShardRepositoryContract
{
    protected override async Task<(IShardRepository Shards, IRunRepository Runs)> NewStoresAsync()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var runs = new RunStore(clients, TimeProvider.System);
        return (new ShardStore(clients, runs, TimeProvider.System), runs);
    }
}
