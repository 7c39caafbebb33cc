using LoadOps.Pipeline;
using LoadOps.Pipeline.Memory;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>The approval repository contract in memory: the stand-in stage tests use behaves like the table.</summary>
public sealed class InMemoryApprovalsContractTests : ApprovalRepositoryContract
{
    protected override Task<IApprovalRepository> NewStoreAsync() => Task.FromResult<IApprovalRepository>(new InMemoryApprovals());
}
