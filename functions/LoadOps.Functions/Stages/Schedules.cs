namespace LoadOps.Functions.Stages;

/// <summary>
/// The NCRONTAB schedules (with seconds) of the timer functions: schedule and sweep every minute, half a minute apart;
/// live check run updates every 30 s, a quarter of a minute off both.
/// </summary>
public static class Schedules
{
    public const string Schedule = "0 * * * * *";
    public const string Sweep = "30 * * * * *";
    public const string Live = "15,45 * * * * *";
}
