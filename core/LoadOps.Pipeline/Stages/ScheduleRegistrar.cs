using LoadOps.Core.Scheduling;

namespace LoadOps.Pipeline;

/// <summary>
/// Registers the <c>schedule:</c> entries of a repository's valid definitions, run on the baseline branch (default
/// <c>main</c>), and removes the repository's registrations no definition asks for any more (a schedule taken out, a
/// changed cron or time zone, which changes the key, a definition deleted or now invalid). The local host calls it on
/// every timer tick, so editing a definition changes its schedule. Registering on a push to the default branch (the
/// Functions app) is not built yet.
/// </summary>
public sealed class ScheduleRegistrar(DefinitionLoader definitions, IScheduleRepository schedules)
{
    public async Task<int> RegisterAsync(string repository, CancellationToken cancellationToken)
    {
        var registered = new HashSet<string>(StringComparer.Ordinal);
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
                registered.Add(entry.Key);
            }
        }

        // Their claims stay, so a schedule that comes back does not fire a tick it fired before.
        foreach (var stale in (await schedules.ListAsync(cancellationToken)).Where(s => s.Repo == repository && !registered.Contains(s.Key)))
            await schedules.RemoveAsync(stale.Key, cancellationToken);
        return registered.Count;
    }
}
