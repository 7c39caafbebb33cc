using LoadOps.Core.Scheduling;

namespace LoadOps.Pipeline;

/// <summary>
/// Registers the <c>schedule:</c> entries of a repository's valid definitions, run on the baseline branch (default
/// <c>main</c>), and removes the registrations its definitions no longer ask for: a schedule taken out or changed (a
/// new cron or time zone is a new key) in a valid definition, or a definition file deleted. A definition that is
/// invalid for now keeps its registrations, and so does every registration when no definition is found at all (a
/// checkout caught between branches), so a passing mistake does not silently drop a nightly run. A schedule registered
/// anew is marked checked one minute back, so one that comes back after a removal does not fire a catch-up run for
/// the time it was gone. The local host calls this on every timer tick, so editing a definition changes its schedule.
/// Registering on a push to the default branch (the Functions app) is not built yet.
/// </summary>
public sealed class ScheduleRegistrar(DefinitionLoader definitions, IScheduleRepository schedules, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Registers and removes as above; returns how many schedules the repository's definitions ask for.</summary>
    public async Task<int> RegisterAsync(string repository, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(repository);
        var loaded = await definitions.LoadAllAsync(repository, null, cancellationToken);
        var stored = (await schedules.ListAsync(cancellationToken))
            .Where(s => string.Equals(s.Repo, repository, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(s => s.Key, StringComparer.Ordinal);

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var checkedDefinition in loaded)
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
                if (!stored.ContainsKey(entry.Key))
                    await schedules.MarkCheckedAsync(entry.Key, _clock.GetUtcNow() - ScheduleStage.FirstWindow, cancellationToken);
                wanted.Add(entry.Key);
            }
        }

        if (loaded.Count == 0)
            return 0;
        var validPaths = loaded.Where(d => d.Definition is not null).Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        var allPaths = loaded.Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        // The claims of a removed schedule stay, so one that comes back never fires a tick twice.
        foreach (var stale in stored.Values.Where(s => !wanted.Contains(s.Key) && (validPaths.Contains(s.DefinitionPath) || !allPaths.Contains(s.DefinitionPath))))
            await schedules.RemoveAsync(stale.Key, cancellationToken);
        return wanted.Count;
    }
}
