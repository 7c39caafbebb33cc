namespace LoadOps.Functions.Stages;

/// <summary>The NCRONTAB schedules (with seconds) of the timer functions: both every minute, half a minute apart.</summary>
public static class Schedules
{
    public const string Schedule = "0 * * * * *";
    public const string Sweep = "30 * * * * *";
}
