using LoadOps.Pipeline;
using LoadOps.Pipeline.Memory;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>The baseline repository contract in memory: the stand-in stage tests use behaves like the table.</summary>
public sealed class InMemoryBaselinesContractTests : BaselineRepositoryContract
{
    protected override Task<IBaselineRepository> NewStoreAsync() => Task.FromResult<IBaselineRepository>(new InMemoryBaselines());
}
