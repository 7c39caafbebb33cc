using LoadOps.Pipeline;
using LoadOps.Pipeline.Memory;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>The shard repository contract in memory: the stand-in stage tests use behaves like the table.</summary>
public sealed class InMemoryShardRepositoryContractTests : ShardRepositoryContract
{
    protected override Task<(IShardRepository Shards, IRunRepository Runs)> NewStoresAsync()
    {
        var runs = new InMemoryRunRepository(TimeProvider.System);
        return Task.FromResult<(IShardRepository, IRunRepository)>((new InMemoryShardRepository(runs, TimeProvider.System), runs));
    }
}
