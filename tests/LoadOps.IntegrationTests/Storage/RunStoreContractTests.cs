using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>The run repository contract on Azure Tables (Azurite, fresh table names per test).</summary>
public sealed class RunStoreContractTests(AzuriteFixture azurite) : RunRepositoryContract
{
    protected override async Task<IRunRepository> NewStoreAsync() => new RunStore(await azurite.NewClientsAsync(Ct), TimeProvider.System);
}
