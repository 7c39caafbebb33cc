using LoadOps.Pipeline.Cost;
using LoadOps.Pipeline.Memory;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>The spend repository contract in memory: the stand-in stage tests use behaves like the table.</summary>
public sealed class InMemorySpendContractTests : SpendRepositoryContract
{
    protected override Task<Func<ISpendRepository>> NewHostsAsync()
    {
        var store = new InMemorySpend();
        return Task.FromResult<Func<ISpendRepository>>(() => store);
    }
}
