namespace LoadOps.Cloud.Storage;

/// <summary>A registered cron schedule of one test: the timer runs the definition at <see cref="DefinitionPath"/> on <see cref="Branch"/>.</summary>
public sealed record ScheduleRecord
{
    /// <summary>Unique name of the schedule, e.g. <c>octo/shop|checkout|0</c> (repo, test, index in the definition).</summary>
    public required string Key { get; init; }
    public required string Repo { get; init; }
    public required string TestName { get; init; }
    public required string Branch { get; init; }
    public required string Cron { get; init; }

    /// <summary>IANA time zone id; the cron is read in it.</summary>
    public string TimeZone { get; init; } = "UTC";
    public required string DefinitionPath { get; init; }
}
