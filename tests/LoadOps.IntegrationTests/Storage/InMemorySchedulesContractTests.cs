using LoadOps.Pipeline;
using LoadOps.Pipeline.Memory;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>The schedule repository contract in memory: the stand-in stage tests use behaves like the table.</summary>
public sealed class InMemorySchedulesContractTests : ScheduleRepositoryContract
{
    protected override Task<Func<IScheduleRepository>> NewHostsAsync()
    {
        var store = new InMemorySchedules(TimeProvider.System);
        return Task.FromResult<Func<IScheduleRepository>>(() => store);
    }
}
