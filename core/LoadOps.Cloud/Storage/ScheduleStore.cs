using System.Globalization;
using Azure.Data.Tables;
using Azure;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Storage;

/// <summary>
/// The <c>schedules</c> table. Registrations live in partition <c>schedule</c> (row key = encoded schedule key).
/// Fired ticks are claim rows in partition <c>claim|{key}</c> with row key = inverted ticks of the due time: inserting
/// a claim succeeds for exactly one timer per (schedule, due time) even when two timers overlap, and the newest claim
/// is the first row of the partition, which makes <see cref="GetLastFiredAsync"/> one small query.
/// </summary>
public sealed class ScheduleStore : IScheduleRepository
{
    private const string RegistrationPartition = "schedule";
    private const string ClaimPartitionPrefix = "claim|";
    private const string DueAt = "DueAt";
    private const string ClaimedAt = "ClaimedAt";
    private const int NotFound = 404;

    private readonly TableClient _table;
    private readonly TimeProvider _clock;

    public ScheduleStore(StorageClients clients, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _table = clients.Tables.GetTableClient(clients.Names.SchedulesTable);
        _clock = clock;
    }

    /// <summary>Adds or updates a schedule registration, keeping its <see cref="ScheduleRecord.CheckedUntil"/>.</summary>
    public async Task RegisterAsync(ScheduleRecord schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var entity = new TableEntity(RegistrationPartition, TableKey.Encode(schedule.Key))
        {
            [nameof(ScheduleRecord.Key)] = schedule.Key,
            [nameof(ScheduleRecord.Repo)] = schedule.Repo,
            [nameof(ScheduleRecord.TestName)] = schedule.TestName,
            [nameof(ScheduleRecord.Branch)] = schedule.Branch,
            [nameof(ScheduleRecord.Cron)] = schedule.Cron,
            [nameof(ScheduleRecord.TimeZone)] = schedule.TimeZone,
            [nameof(ScheduleRecord.DefinitionPath)] = schedule.DefinitionPath,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Records how far the timer has handled a schedule; a registration removed meanwhile stays removed.</summary>
    public async Task MarkCheckedAsync(string scheduleKey, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheduleKey);
        var entity = new TableEntity(RegistrationPartition, TableKey.Encode(scheduleKey)) { [nameof(ScheduleRecord.CheckedUntil)] = until.ToUniversalTime() };
        try
        {
            await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == NotFound)
        {
            // Removed between the list and now: nothing to remember.
        }
    }

    /// <summary>Removes a registration; its claim history stays (harmless, and keeps a re-registered schedule from re-firing a tick).</summary>
    public async Task RemoveAsync(string scheduleKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheduleKey);
        await _table.DeleteEntityAsync(RegistrationPartition, TableKey.Encode(scheduleKey), ETag.All, cancellationToken);
    }

    public async Task<IReadOnlyList<ScheduleRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var schedules = new List<ScheduleRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RegistrationPartition}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            schedules.Add(new ScheduleRecord
            {
                Key = e.GetString(nameof(ScheduleRecord.Key)),
                Repo = e.GetString(nameof(ScheduleRecord.Repo)),
                TestName = e.GetString(nameof(ScheduleRecord.TestName)),
                Branch = e.GetString(nameof(ScheduleRecord.Branch)),
                Cron = e.GetString(nameof(ScheduleRecord.Cron)),
                TimeZone = e.GetString(nameof(ScheduleRecord.TimeZone)) ?? "UTC",
                DefinitionPath = e.GetString(nameof(ScheduleRecord.DefinitionPath)),
                CheckedUntil = e.GetDateTimeOffset(nameof(ScheduleRecord.CheckedUntil)),
            });
        }

        return schedules;
    }

    /// <summary>
    /// Claims the tick of <paramref name="scheduleKey"/> due at <paramref name="dueTime"/>: true for exactly one caller
    /// (insert-if-absent of the claim row; a 409 means another timer got it). Only the caller that gets true starts the run.
    /// </summary>
    public async Task<bool> TryClaimTickAsync(string scheduleKey, DateTimeOffset dueTime, CancellationToken cancellationToken)
    {
        var claim = new TableEntity(ClaimPartition(scheduleKey), ClaimRowKey(dueTime))
        {
            [DueAt] = dueTime.ToUniversalTime(),
            [ClaimedAt] = _clock.GetUtcNow(),
        };
        try
        {
            await _table.AddEntityAsync(claim, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == ConflictBackoff.Conflict)
        {
            return false;
        }
    }

    /// <summary>The latest due time claimed for a schedule, or null if it never fired; the timer catches up from there.</summary>
    public async Task<DateTimeOffset?> GetLastFiredAsync(string scheduleKey, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ClaimPartition(scheduleKey)}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: [DueAt], cancellationToken: cancellationToken))
            return e.GetDateTimeOffset(DueAt);
        return null;
    }

    /// <summary>
    /// Deletes the claims of a schedule due before <paramref name="cutoff"/>, keeping the newest one so
    /// <see cref="GetLastFiredAsync"/> still knows where to catch up from; returns how many were deleted.
    /// </summary>
    public async Task<int> PurgeClaimsAsync(string scheduleKey, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ClaimPartition(scheduleKey)}");
        var cutoffRow = ClaimRowKey(cutoff);
        var deleted = 0;
        var seenNewest = false;
        // Rows come newest first (inverted ticks); a larger row key is an older due time.
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (!seenNewest)
            {
                seenNewest = true;
                continue;
            }

            if (string.CompareOrdinal(e.RowKey, cutoffRow) > 0)
            {
                await _table.DeleteEntityAsync(e.PartitionKey, e.RowKey, ETag.All, cancellationToken);
                deleted++;
            }
        }

        return deleted;
    }

    private static string ClaimPartition(string scheduleKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheduleKey);
        return ClaimPartitionPrefix + TableKey.Encode(scheduleKey);
    }

    private static string ClaimRowKey(DateTimeOffset dueTime) =>
        (DateTimeOffset.MaxValue.UtcTicks - dueTime.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
}
