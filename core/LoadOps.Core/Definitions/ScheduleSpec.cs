namespace LoadOps.Core.Definitions;

/// <summary>A cron schedule (five fields, Cronos syntax) evaluated in an IANA time zone.</summary>
public sealed record ScheduleSpec(string Cron, string TimeZone = "UTC")
{
    public SourcePosition At { get; init; }
}
