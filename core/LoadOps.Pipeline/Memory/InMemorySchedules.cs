namespace LoadOps.Pipeline.Memory;

/// <summary>
/// Schedule registrations and fired ticks in dictionaries, under one lock, so a tick is claimed by exactly one caller
/// as the table's insert-if-absent makes it. Registrations list in table-key order of their keys. A registration merges
/// into the stored one like the table's upsert-merge: it keeps <see cref="ScheduleRecord.CheckedUntil"/>, and a null
/// field keeps the stored value (the table skips nulls). Claims outlive their registration. Dates come back in UTC.
/// </summary>
public sealed class InMemorySchedules(TimeProvider clock) : IScheduleRepository
{
    private readonly Dictionary<string, ScheduleRecord> _schedules = new(StringComparer.Ordinal);

    // Per schedule key: due time (UTC ticks) → when it was claimed, which the table records too though nothing reads it.
    private readonly Dictionary<string, Dictionary<long, DateTimeOffset>> _claims = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task RegisterAsync(ScheduleRecord schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        // Like the table store, an empty key is accepted here (the key encoder takes it) but nowhere else.
        ArgumentNullException.ThrowIfNull(schedule.Key, nameof(schedule));
        lock (_lock)
        {
            var stored = _schedules.GetValueOrDefault(schedule.Key);
            _schedules[schedule.Key] = new ScheduleRecord
            {
                Key = schedule.Key,
                Repo = schedule.Repo ?? stored?.Repo!,
                TestName = schedule.TestName ?? stored?.TestName!,
                Branch = schedule.Branch ?? stored?.Branch!,
                Cron = schedule.Cron ?? stored?.Cron!,
                TimeZone = schedule.TimeZone ?? stored?.TimeZone ?? "UTC",
                DefinitionPath = schedule.DefinitionPath ?? stored?.DefinitionPath!,
                CheckedUntil = stored?.CheckedUntil,
            };
        }
        return Task.CompletedTask;
    }

    public Task MarkCheckedAsync(string scheduleKey, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheduleKey);
        lock (_lock)
        {
            // No registration (removed meanwhile): nothing to remember. Not kept monotonic, as on Azure.
            if (_schedules.TryGetValue(scheduleKey, out var schedule))
                _schedules[scheduleKey] = schedule with { CheckedUntil = until.ToUniversalTime() };
        }
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string scheduleKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheduleKey);
        lock (_lock)
            _schedules.Remove(scheduleKey);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ScheduleRecord>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<ScheduleRecord> schedules = [.. _schedules.Values.OrderBy(s => TableKeyOrder.Of(s.Key), StringComparer.Ordinal)];
            return Task.FromResult(schedules);
        }
    }

    public Task<bool> TryClaimTickAsync(string scheduleKey, DateTimeOffset dueTime, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheduleKey);
        lock (_lock)
        {
            if (!_claims.TryGetValue(scheduleKey, out var claims))
                _claims[scheduleKey] = claims = [];
            // The same instant in another offset is the same tick: the table's row key is its UTC ticks.
            return Task.FromResult(claims.TryAdd(dueTime.UtcTicks, clock.GetUtcNow()));
        }
    }

    public Task<DateTimeOffset?> GetLastFiredAsync(string scheduleKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheduleKey);
        lock (_lock)
        {
            DateTimeOffset? last = _claims.TryGetValue(scheduleKey, out var claims) && claims.Count > 0
                ? new DateTimeOffset(claims.Keys.Max(), TimeSpan.Zero)
                : null;
            return Task.FromResult(last);
        }
    }

    public Task<int> PurgeClaimsAsync(string scheduleKey, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheduleKey);
        lock (_lock)
        {
            if (!_claims.TryGetValue(scheduleKey, out var claims))
                return Task.FromResult(0);
            // The newest claim stays whatever its age (the timer catches up from it); the others go if due strictly before the cutoff.
            var old = claims.Keys.OrderDescending().Skip(1).Where(ticks => ticks < cutoff.UtcTicks).ToList();
            foreach (var ticks in old)
                claims.Remove(ticks);
            return Task.FromResult(old.Count);
        }
    }
}
