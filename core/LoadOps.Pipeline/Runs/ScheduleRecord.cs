namespace LoadOps.Pipeline;

/// <summary>A registered cron schedule of one test: the timer runs the definition at <see cref="DefinitionPath"/> on <see cref="Branch"/>.</summary>
public sealed record ScheduleRecord
{
    /// <summary>Unique name of the schedule: repository, branch, test, cron and time zone (<c>octo/shop|main|checkout|0 3 * * *|UTC</c>), so a new cron is a new schedule.</summary>
    public required string Key { get; init; }
    public required string Repo { get; init; }
    public required string TestName { get; init; }
    public required string Branch { get; init; }
    public required string Cron { get; init; }

    /// <summary>IANA time zone id; the cron is read in it.</summary>
    public string TimeZone { get; init; } = "UTC";
    public required string DefinitionPath { get; init; }

    /// <summary>
    /// The time up to which the timer has handled this schedule's occurrences (the latest due time it saw claimed), so
    /// that a tick reads it with the registration instead of asking the claims one schedule at a time. Null until the
    /// first tick; the claims stay the exactly-once guard, this is only where to look from.
    /// </summary>
    public DateTimeOffset? CheckedUntil { get; init; }
}
