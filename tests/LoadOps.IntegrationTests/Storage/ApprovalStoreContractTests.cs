using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>The approval repository contract on Azure Tables (Azurite, fresh table names per test).</summary>
public sealed class ApprovalStoreContractTests(AzuriteFixture azurite) : ApprovalRepositoryContract
{
    protected override async Task<IApprovalRepository> NewStoreAsync() => new ApprovalStore(await azurite.NewClientsAsync(Ct));
}
