using LoadOps.Core.Scheduling;

namespace LoadOps.Core.Tests.Scheduling;

public sealed class DueSchedulesTests
{
    private static ScheduleEntry Nightly(string cron = "0 3 * * *", string zone = "Europe/Paris") =>
        new("octo-org/shop", "main", "checkout", "loadtests/checkout.loadtest.yaml", cron, zone);

    private static DateTimeOffset Utc(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void A_nightly_schedule_falls_due_at_its_local_time()
    {
        // 03:00 in Paris is 02:00 UTC in November.
        var due = DueSchedules.Between([Nightly()], Utc(23, 1, 59), Utc(23, 2, 0));
        Assert.Equal(Utc(23, 2, 0), Assert.Single(due).DueAt);
    }

    [Fact]
    public void A_tick_that_does_not_cover_the_due_minute_finds_nothing()
    {
        Assert.Empty(DueSchedules.Between([Nightly()], Utc(23, 2, 0), Utc(23, 2, 1)));
        Assert.Empty(DueSchedules.Between([Nightly()], Utc(23, 1, 58), Utc(23, 1, 59)));
    }

    [Fact]
    public void Consecutive_ticks_find_each_occurrence_exactly_once()
    {
        var schedules = new[] { Nightly("*/15 * * * *", "UTC") };
        var found = new List<DateTimeOffset>();
        for (var tick = Utc(23, 0, 0); tick < Utc(23, 2, 0); tick = tick.AddMinutes(1))
            found.AddRange(DueSchedules.Between(schedules, tick, tick.AddMinutes(1)).Select(d => d.DueAt));

        Assert.Equal(Enumerable.Range(1, 8).Select(i => Utc(23, 0, 0).AddMinutes(15 * i)), found);
    }

    [Fact]
    public void A_missed_window_runs_once_and_counts_what_it_folded()
    {
        var due = Assert.Single(DueSchedules.Between([Nightly("0 * * * *", "UTC")], Utc(23, 0, 30), Utc(23, 4, 10)));
        Assert.Equal(Utc(23, 4, 0), due.DueAt);
        Assert.Equal(3, due.Missed);
    }

    [Fact]
    public void Catch_up_reaches_back_at_most_a_day()
    {
        var due = Assert.Single(DueSchedules.Between([Nightly("0 * * * *", "UTC")], Utc(1, 0, 0), Utc(23, 12, 0)));
        Assert.Equal(23, due.Missed);
    }

    [Fact]
    public void Broken_schedules_are_skipped_not_thrown()
    {
        var due = DueSchedules.Between([Nightly("61 * * * *"), Nightly(zone: "Mars/Olympus"), Nightly("* * * * *", "UTC")], Utc(23, 2, 0), Utc(23, 2, 1));
        Assert.Equal("* * * * *", Assert.Single(due).Schedule.Cron);
    }

    [Fact]
    public void An_empty_or_backward_window_finds_nothing() =>
        Assert.Empty(DueSchedules.Between([Nightly("* * * * *", "UTC")], Utc(23, 2, 1), Utc(23, 2, 1)));
}
