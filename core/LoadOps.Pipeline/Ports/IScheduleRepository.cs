namespace LoadOps.Pipeline;

/// <summary>Cron schedules of the definitions and which of their ticks have fired (each tick exactly once).</summary>
public interface IScheduleRepository
{
    /// <summary>Adds or updates a schedule registration, keeping its <see cref="ScheduleRecord.CheckedUntil"/>.</summary>
    Task RegisterAsync(ScheduleRecord schedule, CancellationToken cancellationToken);

    /// <summary>Records how far the timer has handled a schedule; a registration removed meanwhile stays removed.</summary>
    Task MarkCheckedAsync(string scheduleKey, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Removes a registration; its claims stay, so a re-registered schedule does not fire a tick again.</summary>
    Task RemoveAsync(string scheduleKey, CancellationToken cancellationToken);

    Task<IReadOnlyList<ScheduleRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Claims the tick due at <paramref name="dueTime"/>: true for exactly one caller, which starts the run.</summary>
    Task<bool> TryClaimTickAsync(string scheduleKey, DateTimeOffset dueTime, CancellationToken cancellationToken);

    /// <summary>The latest due time claimed for a schedule, or null if it never fired; the timer catches up from there.</summary>
    Task<DateTimeOffset?> GetLastFiredAsync(string scheduleKey, CancellationToken cancellationToken);

    /// <summary>Deletes the claims due before <paramref name="cutoff"/> but the newest; returns how many were deleted.</summary>
    Task<int> PurgeClaimsAsync(string scheduleKey, DateTimeOffset cutoff, CancellationToken cancellationToken);
}
