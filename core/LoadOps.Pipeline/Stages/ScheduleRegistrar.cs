using LoadOps.Core.Scheduling;
using LoadOps.Pipeline.Cost;
using LoadOps.Pipeline.Live;
using LoadOps.Pipeline.Publish;

namespace LoadOps.Pipeline;

/// <summary>
/// Registers the <c>schedule:</c> entries of a repository's valid definitions, run on the baseline branch (default
/// <c>main</c>). The local host calls it on every timer tick, so editing a definition changes its schedule.
/// Registering on a push to the default branch (the Functions app) is not built yet.
/// </summary>
public sealed class ScheduleRegistrar(DefinitionLoader definitions, IScheduleRepository schedules)
{
    public async Task<int> RegisterAsync(string repository, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var checkedDefinition in await definitions.LoadAllAsync(repository, null, cancellationToken))
        {
            if (checkedDefinition.Definition is not { } definition)
                continue;
            var branch = definition.Baseline?.Branch ?? "main";
            foreach (var spec in definition.Schedule)
            {
                var entry = new ScheduleEntry(repository, branch, definition.Name, checkedDefinition.Path, spec.Cron, spec.TimeZone);
                await schedules.RegisterAsync(new ScheduleRecord
                {
                    Key = entry.Key,
                    Repo = repository,
                    TestName = definition.Name,
                    Branch = branch,
                    Cron = spec.Cron,
                    TimeZone = spec.TimeZone,
                    DefinitionPath = checkedDefinition.Path,
                }, cancellationToken);
                count++;
            }
        }
        return count;
    }
}
