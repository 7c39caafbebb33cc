using LoadOps.Pipeline;
using LoadOps.Pipeline.Memory;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>The active-run repository contract in memory: the stand-in stage tests use behaves like the table.</summary>
public sealed class InMemoryActiveRunsContractTests : ActiveRunRepositoryContract
{
    protected override Task<Func<IActiveRunRepository>> NewHostsAsync()
    {
        var store = new InMemoryActiveRuns();
        return Task.FromResult<Func<IActiveRunRepository>>(() => store);
    }
}
