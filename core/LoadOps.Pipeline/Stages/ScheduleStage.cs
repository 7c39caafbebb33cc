using System.Security.Cryptography;
using System.Text;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Scheduling;

namespace LoadOps.Pipeline;

/// <summary>
/// The schedule timer's work: for every registered schedule, the cron occurrences since the time it was checked until
/// (kept on its registration; else its last claimed tick, or the last minute for one that never fired) are due; each
/// due tick is claimed in the table, and only the claimer sends
/// a <see cref="RunRequest"/>, so overlapping timers start a scheduled run exactly once. Several missed occurrences
/// of one schedule fold into one run.
/// </summary>
public sealed class ScheduleStage(IScheduleRepository schedules)
{
    /// <summary>How far back a schedule that was never checked looks on its first tick.</summary>
    public static readonly TimeSpan FirstWindow = TimeSpan.FromMinutes(1);

    public async Task<StageOutcome> TickAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = new List<object>();
        foreach (var record in await schedules.ListAsync(cancellationToken))
        {
            var entry = new ScheduleEntry(record.Repo, record.Branch, record.TestName, record.DefinitionPath, record.Cron, record.TimeZone);
            // The registration row says where to look from; only a schedule never seen by a tick asks its claims (one query).
            var since = record.CheckedUntil ?? await schedules.GetLastFiredAsync(record.Key, cancellationToken) ?? now - FirstWindow;
            var checkedUntil = since;
            foreach (var due in DueSchedules.Between([entry], since, now))
            {
                if (await schedules.TryClaimTickAsync(record.Key, due.DueAt, cancellationToken))
                    next.Add(RequestFor(entry, due.DueAt));
                checkedUntil = due.DueAt > checkedUntil ? due.DueAt : checkedUntil;
            }
            if (record.CheckedUntil is null || checkedUntil != record.CheckedUntil)
                await schedules.MarkCheckedAsync(record.Key, checkedUntil, cancellationToken);
        }
        return new StageOutcome(next, $"{next.Count} scheduled run(s) due at {now:O}.");
    }

    /// <summary>
    /// The request of one tick; its id is derived from the schedule and the due time. The commit is left empty: the
    /// branch is run as it is when the definition is read (resolving the branch head on GitHub is not built yet).
    /// </summary>
    public static RunRequest RequestFor(ScheduleEntry entry, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{entry.Key}|{dueAt.UtcTicks}")))[..24];
        return new RunRequest
        {
            RequestId = "schedule-" + id,
            Trigger = RunTrigger.Schedule,
            Repository = entry.Repository,
            Commit = "",
            Branch = entry.Branch,
            TestName = entry.TestName,
        };
    }
}
