using Cronos;

namespace LoadOps.Core.Scheduling;

/// <summary>
/// Finds the schedules whose cron fell due in (<c>since</c>, <c>until</c>]. Called every minute with <c>since</c> =
/// the last tick that was processed, so a missed tick widens the window instead of losing runs. Exactly-once across
/// overlapping timers is the claim store's job (one claim per schedule key and due time); this part is pure.
/// </summary>
public static class DueSchedules
{
    /// <summary>How far back a window may reach; older occurrences are treated as lost, not replayed.</summary>
    public static readonly TimeSpan MaxCatchUp = TimeSpan.FromDays(1);

    public static IReadOnlyList<DueOccurrence> Between(IEnumerable<ScheduleEntry> schedules, DateTimeOffset since, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        if (until <= since)
            return [];
        if (until - since > MaxCatchUp)
            since = until - MaxCatchUp;

        var due = new List<DueOccurrence>();
        foreach (var schedule in schedules)
        {
            if (!TryCompile(schedule, out var cron, out var zone))
                continue;
            var occurrences = cron.GetOccurrences(since.UtcDateTime, until.UtcDateTime, zone, fromInclusive: false, toInclusive: true).ToList();
            if (occurrences.Count > 0)
                due.Add(new DueOccurrence(schedule, new DateTimeOffset(occurrences[^1], TimeSpan.Zero), occurrences.Count - 1));
        }
        return due;
    }

    /// <summary>Compiles a schedule; false for a cron or zone the validator should have refused (skipped, never thrown).</summary>
    public static bool TryCompile(ScheduleEntry schedule, out CronExpression cron, out TimeZoneInfo zone)
    {
        cron = default!;
        zone = TimeZoneInfo.Utc;
        if (!CronExpression.TryParse(schedule.Cron, CronFormat.Standard, out var parsed) || parsed is null)
            return false;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(schedule.TimeZone, out var found))
            return false;
        cron = parsed;
        zone = found;
        return true;
    }
}
