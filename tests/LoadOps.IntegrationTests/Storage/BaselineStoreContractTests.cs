using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>The baseline repository contract on Azure Tables (Azurite, fresh table names per test).</summary>
public sealed class BaselineStoreContractTests(AzuriteFixture azurite) : BaselineRepositoryContract
{
    protected override async Task<IBaselineRepository> NewStoreAsync() => new BaselineStore(await azurite.NewClientsAsync(Ct));
}
