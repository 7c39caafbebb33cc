using LoadOps.Pipeline;
using LoadOps.Pipeline.Memory;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>The run repository contract in memory: the stand-in stage tests use behaves like the table.</summary>
public sealed class InMemoryRunRepositoryContractTests : RunRepositoryContract
{
    protected override Task<IRunRepository> NewStoreAsync() => Task.FromResult<IRunRepository>(new InMemoryRunRepository(TimeProvider.System));
}
