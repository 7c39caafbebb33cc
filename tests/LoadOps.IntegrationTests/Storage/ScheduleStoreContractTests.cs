using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>The schedule repository contract on Azure Tables (Azurite, fresh table names per test; a store per host).</summary>
public sealed class ScheduleStoreContractTests(AzuriteFixture azurite) : ScheduleRepositoryContract
{
    protected override async Task<Func<IScheduleRepository>> NewHostsAsync()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        return () => new ScheduleStore(clients, TimeProvider.System);
    }
}
