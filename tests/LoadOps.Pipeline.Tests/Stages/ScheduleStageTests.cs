using LoadOps.Core.Pipeline;
using LoadOps.Core.Scheduling;
using LoadOps.Pipeline.Tests.Scene;

namespace LoadOps.Pipeline.Tests.Stages;

/// <summary>
/// Schedules in memory: the registrar registers a definition's <c>schedule:</c> on its baseline branch; a tick sends
/// one request per due occurrence, exactly once however many timers tick; missed occurrences fold into one run;
/// a schedule no longer registered stops.
/// </summary>
public sealed class ScheduleStageTests
{
    private const string Cron = "*/15 * * * *";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ScheduleEntry Entry = new(StageScene.Repository, "main", StageScene.TestName, StageScene.DefinitionPath, Cron, "UTC");

    /// <summary>The scene's definition with a <c>schedule:</c> (and optionally a baseline branch other than main).</summary>
    private static string Scheduled(string schedule = $"- {{ cron: \"{Cron}\" }}", string? baselineBranch = null)
    {
        var definition = StageScene.Definition() + "\nschedule:\n  " + schedule + "\n";
        return baselineBranch is null ? definition : definition.Replace("branch: main", $"branch: {baselineBranch}", StringComparison.Ordinal);
    }

    /// <summary>A scene whose definition runs every 15 minutes, registered, with the clock at <see cref="StageScene.Start"/> (12:00 UTC).</summary>
    private static async Task<StageScene> RegisteredAsync()
    {
        var scene = new StageScene(Scheduled());
        Assert.Equal(1, await scene.Stages.Schedules.RegisterAsync(StageScene.Repository, Ct));
        return scene;
    }

    private static DateTimeOffset At(int hour, int minute, int second = 0) => new(2026, 12, 4, hour, minute, second, TimeSpan.Zero);

    private static async Task<IReadOnlyList<RunRequest>> TickAsync(StageScene scene, DateTimeOffset now, ScheduleStage? stage = null)
    {
        var outcome = await (stage ?? scene.Stages.Schedule).TickAsync(now, Ct);
        return [.. outcome.Next.Select(m => Assert.IsType<RunRequest>(m))];
    }

    [Fact]
    public async Task The_registrar_registers_a_definitions_schedule_on_its_baseline_branch_once_however_often_it_runs()
    {
        var scene = new StageScene(Scheduled("- { cron: \"0 3 * * *\", timezone: Europe/Paris }", baselineBranch: "release"));

        Assert.Equal(1, await scene.Stages.Schedules.RegisterAsync(StageScene.Repository, Ct));
        Assert.Equal(1, await scene.Stages.Schedules.RegisterAsync(StageScene.Repository, Ct));

        var schedule = Assert.Single(await scene.Stores.Schedules.ListAsync(Ct));
        Assert.Equal((StageScene.Repository, StageScene.TestName, "release", "0 3 * * *", "Europe/Paris", StageScene.DefinitionPath),
            (schedule.Repo, schedule.TestName, schedule.Branch, schedule.Cron, schedule.TimeZone, schedule.DefinitionPath));
        Assert.Equal($"{StageScene.Repository}|release|{StageScene.TestName}|0 3 * * *|Europe/Paris", schedule.Key);
    }

    [Fact]
    public async Task A_definition_without_a_schedule_or_an_invalid_one_registers_nothing()
    {
        var scene = new StageScene();
        scene.Files.Put("loadtests/broken.loadtest.yaml", "version: 1\nname: broken\nschedule:\n  - { cron: \"0 3 * * *\" }\n");

        Assert.Equal(0, await scene.Stages.Schedules.RegisterAsync(StageScene.Repository, Ct));
        Assert.Empty(await scene.Stores.Schedules.ListAsync(Ct));
    }

    [Fact]
    public async Task A_tick_at_the_due_time_sends_one_scheduled_request_for_the_test_on_its_branch()
    {
        var scene = await RegisteredAsync();

        var request = Assert.Single(await TickAsync(scene, At(12, 0)));

        Assert.Equal(RunTrigger.Schedule, request.Trigger);
        Assert.Equal((StageScene.Repository, "main", StageScene.TestName, ""), (request.Repository, request.Branch, request.TestName, request.Commit));
        Assert.Equal(ScheduleStage.RequestFor(Entry, At(12, 0)).RequestId, request.RequestId);
        Assert.StartsWith("schedule-", request.RequestId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_tick_of_the_same_due_time_sends_nothing_even_from_another_timer()
    {
        var scene = await RegisteredAsync();
        var otherTimer = new ScheduleStage(scene.Stores.Schedules);

        var first = await TickAsync(scene, At(12, 0, 10));
        var again = await TickAsync(scene, At(12, 0, 20));
        var other = await TickAsync(scene, At(12, 0, 30), otherTimer);

        Assert.Single(first);
        Assert.Empty(again);
        Assert.Empty(other);
    }

    [Fact]
    public async Task Two_timers_ticking_together_start_one_run_per_due_occurrence()
    {
        var scene = await RegisteredAsync();
        var first = new ScheduleStage(scene.Stores.Schedules);
        var second = new ScheduleStage(scene.Stores.Schedules);

        var noon = (await TickAsync(scene, At(12, 0), first)).Concat(await TickAsync(scene, At(12, 0), second)).ToList();
        var quarter = (await TickAsync(scene, At(12, 15), second)).Concat(await TickAsync(scene, At(12, 15), first)).ToList();

        Assert.Equal(ScheduleStage.RequestFor(Entry, At(12, 0)).RequestId, Assert.Single(noon).RequestId);
        Assert.Equal(ScheduleStage.RequestFor(Entry, At(12, 15)).RequestId, Assert.Single(quarter).RequestId);
    }

    [Fact]
    public async Task Ticks_between_occurrences_send_nothing_and_the_next_occurrence_sends_its_own_request()
    {
        var scene = await RegisteredAsync();
        var noon = Assert.Single(await TickAsync(scene, At(12, 0)));

        for (var minute = 1; minute < 15; minute++)
            Assert.Empty(await TickAsync(scene, At(12, minute)));
        var quarter = Assert.Single(await TickAsync(scene, At(12, 15)));

        Assert.NotEqual(noon.RequestId, quarter.RequestId);
        Assert.Equal(ScheduleStage.RequestFor(Entry, At(12, 15)).RequestId, quarter.RequestId);
    }

    [Fact]
    public async Task Missed_occurrences_fold_into_one_request_for_the_latest_and_are_not_sent_again()
    {
        var scene = await RegisteredAsync();
        Assert.Single(await TickAsync(scene, At(12, 0)));

        // The timer was down from 12:01 until 13:05: 12:15, 12:30, 12:45 and 13:00 fell due meanwhile.
        var caughtUp = Assert.Single(await TickAsync(scene, At(13, 5)));

        Assert.Equal(ScheduleStage.RequestFor(Entry, At(13, 0)).RequestId, caughtUp.RequestId);
        Assert.Empty(await TickAsync(scene, At(13, 6)));
        Assert.Empty(await TickAsync(scene, At(13, 5), new ScheduleStage(scene.Stores.Schedules)));
        Assert.Single(await TickAsync(scene, At(13, 15)));
    }

    [Fact]
    public async Task After_an_outage_of_days_one_request_is_sent_for_the_latest_occurrence()
    {
        var scene = await RegisteredAsync();
        Assert.Single(await TickAsync(scene, At(12, 0)));

        var later = At(12, 0).AddDays(3).AddMinutes(1);
        var caughtUp = Assert.Single(await TickAsync(scene, later));

        Assert.Equal(ScheduleStage.RequestFor(Entry, later.AddMinutes(-1)).RequestId, caughtUp.RequestId);
    }

    [Fact]
    public async Task A_new_schedule_looks_back_only_a_minute_before_its_registration()
    {
        var scene = new StageScene(Scheduled());
        scene.Clock.Advance(TimeSpan.FromMinutes(3));
        await scene.Stages.Schedules.RegisterAsync(StageScene.Repository, Ct);

        // 12:00 fell due before this schedule was registered at 12:03: it is not replayed.
        Assert.Empty(await TickAsync(scene, At(12, 5)));
        Assert.Single(await TickAsync(scene, At(12, 15)));
    }

    [Fact]
    public async Task A_removed_schedule_sends_nothing_at_its_next_occurrence()
    {
        var scene = await RegisteredAsync();
        Assert.Single(await TickAsync(scene, At(12, 0)));

        await scene.Stores.Schedules.RemoveAsync(Entry.Key, Ct);

        Assert.Empty(await TickAsync(scene, At(12, 15)));
        Assert.Empty(await TickAsync(scene, At(13, 0)));
    }

    [Fact]
    public async Task A_schedule_removed_and_registered_again_does_not_fire_a_tick_it_already_fired()
    {
        var scene = await RegisteredAsync();
        Assert.Single(await TickAsync(scene, At(12, 0)));

        await scene.Stores.Schedules.RemoveAsync(Entry.Key, Ct);
        await scene.Stages.Schedules.RegisterAsync(StageScene.Repository, Ct);

        Assert.Empty(await TickAsync(scene, At(12, 0, 30)));
        Assert.Single(await TickAsync(scene, At(12, 15)));
    }

    [Fact]
    public async Task A_schedule_taken_out_of_the_definition_stops_once_the_registrar_runs_again()
    {
        var scene = await RegisteredAsync();
        Assert.Single(await TickAsync(scene, At(12, 0)));

        scene.Files.Put(StageScene.DefinitionPath, StageScene.Definition());
        Assert.Equal(0, await scene.Stages.Schedules.RegisterAsync(StageScene.Repository, Ct));

        Assert.Empty(await scene.Stores.Schedules.ListAsync(Ct));
        Assert.Empty(await TickAsync(scene, At(12, 15)));
    }

    [Fact]
    public async Task A_schedule_put_back_hours_later_fires_no_catch_up_run_for_the_time_it_was_gone()
    {
        var scene = await RegisteredAsync();
        Assert.Single(await TickAsync(scene, At(12, 0)));
        scene.Files.Put(StageScene.DefinitionPath, StageScene.Definition());
        await scene.Stages.Schedules.RegisterAsync(StageScene.Repository, Ct);

        scene.Clock.Advance(At(15, 7) - scene.Clock.GetUtcNow());
        scene.Files.Put(StageScene.DefinitionPath, Scheduled());
        Assert.Equal(1, await scene.Stages.Schedules.RegisterAsync(StageScene.Repository, Ct));

        Assert.Empty(await TickAsync(scene, At(15, 7)));
        Assert.Single(await TickAsync(scene, At(15, 15)));
    }

    [Fact]
    public async Task A_definition_broken_for_now_or_a_checkout_with_no_definitions_keeps_its_schedule()
    {
        var scene = await RegisteredAsync();

        scene.Files.Put(StageScene.DefinitionPath, Scheduled() + "thresholds: [ \"p95 < fast\" ]\n");
        Assert.Equal(0, await scene.Stages.Schedules.RegisterAsync(StageScene.Repository, Ct));
        Assert.Single(await scene.Stores.Schedules.ListAsync(Ct));

        scene.Files.Remove(StageScene.DefinitionPath);
        Assert.Equal(0, await scene.Stages.Schedules.RegisterAsync(StageScene.Repository, Ct));
        Assert.Single(await scene.Stores.Schedules.ListAsync(Ct));
        Assert.Single(await TickAsync(scene, At(12, 0)));
    }

    [Fact]
    public async Task A_deleted_definition_file_takes_its_schedule_with_it_while_the_others_stay()
    {
        var scene = await RegisteredAsync();
        scene.Files.Put("loadtests/search.loadtest.yaml", StageScene.Definition().Replace($"name: {StageScene.TestName}", "name: search", StringComparison.Ordinal));

        scene.Files.Remove(StageScene.DefinitionPath);
        await scene.Stages.Schedules.RegisterAsync(StageScene.Repository, Ct);

        Assert.Empty(await scene.Stores.Schedules.ListAsync(Ct));
    }

    [Fact]
    public async Task A_scheduled_request_handed_to_the_pipeline_makes_a_run_of_the_test_triggered_by_the_schedule()
    {
        var scene = await RegisteredAsync();
        var request = Assert.Single(await TickAsync(scene, At(12, 0)));

        await scene.Stores.Bus.SendAsync(request, Ct);
        await scene.DriveAsync(Ct);

        var run = await scene.Stores.Runs.GetAsync(StageScene.RunIdOf(request.RequestId), Ct);
        Assert.NotNull(run);
        Assert.Equal((RunTrigger.Schedule, "main"), (run.Trigger, run.Branch));
        Assert.Equal(RunStatus.Dispatched, run.Status);
    }
}
