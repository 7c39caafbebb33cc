namespace LoadOps.Core.Scheduling;

/// <summary>A registered schedule: a test on a branch of a repository, run by a cron in a time zone.</summary>
public sealed record ScheduleEntry(string Repository, string Branch, string TestName, string DefinitionPath, string Cron, string TimeZone)
{
    /// <summary>Identifies the schedule across ticks and instances (a test may have several crons).</summary>
    public string Key => $"{Repository}|{Branch}|{TestName}|{Cron}|{TimeZone}";
}
