using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.Pipeline.Tests.Scene;

namespace LoadOps.Pipeline.Tests.Stages;

/// <summary>
/// Live progress in memory: a run under way with interim snapshots gets its figures posted, at most once per interval
/// (the scene's is 10 s) and not while they are unchanged; a 403 or 429 backs the installation off, doubling up to
/// <see cref="LiveProgressStage.MaxBackoff"/>; a finished run gets nothing.
/// </summary>
public sealed class LiveProgressStageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(StageScene Scene, RunRecord Run)> UnderWayAsync(string requestId)
    {
        var scene = new StageScene();
        var run = await scene.RequestAsync(StageScene.Push(requestId), Ct);
        Assert.Equal(TimeSpan.FromSeconds(10), scene.Stages.Live.Interval);
        return (scene, run);
    }

    /// <summary>What a running shard has uploaded after its first <paramref name="intervals"/> intervals (of three).</summary>
    private static ResultFile Snapshot(ShardSpec spec, int intervals = 3, int failedPerInterval = 0)
    {
        var full = ShardResults.For(spec, failedPerInterval: failedPerInterval, status: ResultStatus.Running);
        var step = full.Steps[0];
        return full with
        {
            End = spec.StartAt + (spec.Interval * intervals),
            Steps = [step with { Intervals = [.. step.Intervals.Take(intervals)] }],
        };
    }

    private static void UploadSnapshots(StageScene scene, int intervals = 3, int failedPerInterval = 0)
    {
        foreach (var spec in scene.Launcher.Launched)
            scene.Artifacts.PutInterimResult(Snapshot(spec, intervals, failedPerInterval));
    }

    private static int ProgressPosts(StageScene scene, string runId) => scene.Publisher.Posts.Count(p => p == $"progress:{runId}");

    [Fact]
    public async Task A_running_run_with_interim_snapshots_gets_a_progress_post_with_its_merged_figures()
    {
        var (scene, run) = await UnderWayAsync("live-1");
        var start = scene.Launcher.Launched[0].StartAt;

        Assert.Empty(await scene.Stages.Live.TickAsync(Ct)); // No snapshot yet: nothing to show.
        Assert.Empty(scene.Publisher.Progress);

        UploadSnapshots(scene, intervals: 2, failedPerInterval: 5);
        scene.Clock.Advance(start + TimeSpan.FromSeconds(10) - scene.Clock.GetUtcNow());
        var notes = await scene.Stages.Live.TickAsync(Ct);

        Assert.Equal([$"dispatched:{run.RunId}", $"progress:{run.RunId}"], scene.Publisher.Posts);
        var live = Assert.Single(scene.Publisher.Progress);
        Assert.Equal((2, 2), (live.ShardsReporting, live.ShardCount));
        Assert.Equal(400, live.Requests); // Two shards, two intervals of 100 each.
        Assert.Equal(20, live.Failed);
        Assert.Equal(20, live.P50Ms!.Value, 0.1);
        Assert.Equal(20, live.P99Ms!.Value, 0.1);
        Assert.Equal(start + TimeSpan.FromSeconds(10), live.AsOf);
        Assert.Equal((10, 15), (live.ElapsedSeconds, live.TotalSeconds));
        Assert.Equal(2, live.Intervals.Count);
        Assert.Equal("local", Assert.Single(live.Locations).Location);
        Assert.StartsWith($"{run.RunId}: check run updated (live 0:10/0:15, 400 requests, ", Assert.Single(notes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_snapshot_that_cannot_be_merged_is_left_out_of_the_figures()
    {
        var (scene, _) = await UnderWayAsync("live-2");
        var specs = scene.Launcher.Launched;
        scene.Artifacts.PutInterimResult(Snapshot(specs[0]) with { Version = ResultFile.CurrentVersion + 1 });
        scene.Artifacts.PutInterimResult(Snapshot(specs[1]));

        await scene.Stages.Live.TickAsync(Ct);

        var live = Assert.Single(scene.Publisher.Progress);
        Assert.Equal((1, 2), (live.ShardsReporting, live.ShardCount));
        Assert.Equal(300, live.Requests);
    }

    [Fact]
    public async Task A_second_tick_within_the_interval_posts_nothing_and_one_after_it_posts_the_newer_figures()
    {
        var (scene, run) = await UnderWayAsync("live-3");
        UploadSnapshots(scene, intervals: 1);
        await scene.Stages.Live.TickAsync(Ct);
        Assert.Equal(1, ProgressPosts(scene, run.RunId));

        UploadSnapshots(scene, intervals: 2);
        Assert.Empty(await scene.Stages.Live.TickAsync(Ct));
        scene.Clock.Advance(scene.Stages.Live.Interval - TimeSpan.FromSeconds(1));
        Assert.Empty(await scene.Stages.Live.TickAsync(Ct));
        Assert.Equal(1, ProgressPosts(scene, run.RunId));

        scene.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(await scene.Stages.Live.TickAsync(Ct));

        Assert.Equal(2, ProgressPosts(scene, run.RunId));
        Assert.Equal([200, 400], scene.Publisher.Progress.Select(p => p.Requests));
    }

    [Fact]
    public async Task Figures_unchanged_since_the_last_post_are_not_posted_again()
    {
        var (scene, run) = await UnderWayAsync("live-4");
        UploadSnapshots(scene, intervals: 1);
        await scene.Stages.Live.TickAsync(Ct);

        scene.Clock.Advance(scene.Stages.Live.Interval);
        Assert.Empty(await scene.Stages.Live.TickAsync(Ct));
        UploadSnapshots(scene, intervals: 1); // The same snapshot uploaded again.
        scene.Clock.Advance(scene.Stages.Live.Interval);
        Assert.Empty(await scene.Stages.Live.TickAsync(Ct));

        Assert.Equal(1, ProgressPosts(scene, run.RunId));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(403)]
    public async Task A_rate_limit_refusal_backs_off_doubling_from_twice_the_interval_up_to_the_maximum(int status)
    {
        var (scene, run) = await UnderWayAsync($"live-5-{status}");
        UploadSnapshots(scene);
        scene.Publisher.RefuseProgressWith = status;

        var waits = new List<TimeSpan>();
        var notes = await scene.Stages.Live.TickAsync(Ct);
        for (var refusal = 1; refusal <= 9; refusal++)
        {
            var expected = TimeSpan.FromTicks(Math.Min(LiveProgressStage.MaxBackoff.Ticks, scene.Stages.Live.Interval.Ticks * 2 << (refusal - 1)));
            Assert.Contains($"GitHub answered {status}; no live update for {expected.TotalSeconds:0} s", Assert.Single(notes), StringComparison.Ordinal);
            Assert.Equal(refusal, ProgressPosts(scene, run.RunId));

            // Nothing is tried before the wait is over, though the interval has passed and the figures were not posted.
            scene.Clock.Advance(expected - TimeSpan.FromSeconds(1));
            Assert.Empty(await scene.Stages.Live.TickAsync(Ct));
            Assert.Equal(refusal, ProgressPosts(scene, run.RunId));

            scene.Clock.Advance(TimeSpan.FromSeconds(1));
            notes = await scene.Stages.Live.TickAsync(Ct);
            waits.Add(expected);
        }

        Assert.Equal([20, 40, 80, 160, 320, 640, 900, 900, 900], waits.Select(w => w.TotalSeconds));
        Assert.Equal(LiveProgressStage.MaxBackoff, waits[^1]);
        Assert.Equal(10, ProgressPosts(scene, run.RunId));
    }

    [Fact]
    public async Task An_accepted_post_ends_the_back_off_so_the_next_refusal_waits_twice_the_interval_again()
    {
        var (scene, run) = await UnderWayAsync("live-6");
        UploadSnapshots(scene, intervals: 1);
        scene.Publisher.RefuseProgressWith = 429;
        Assert.Contains("no live update for 20 s", Assert.Single(await scene.Stages.Live.TickAsync(Ct)), StringComparison.Ordinal);
        scene.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Contains("no live update for 40 s", Assert.Single(await scene.Stages.Live.TickAsync(Ct)), StringComparison.Ordinal);

        scene.Publisher.RefuseProgressWith = null;
        scene.Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Contains("check run updated", Assert.Single(await scene.Stages.Live.TickAsync(Ct)), StringComparison.Ordinal);

        scene.Publisher.RefuseProgressWith = 429;
        UploadSnapshots(scene, intervals: 2);
        scene.Clock.Advance(scene.Stages.Live.Interval);
        Assert.Contains("no live update for 20 s", Assert.Single(await scene.Stages.Live.TickAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(4, ProgressPosts(scene, run.RunId));
    }

    [Fact]
    public async Task A_rate_limit_holds_back_every_run_of_the_same_installation_and_no_other()
    {
        var scene = new StageScene();
        var shop = await scene.RequestAsync(StageScene.Push("live-9a") with { InstallationId = 7 }, Ct);
        var other = await scene.RequestAsync(StageScene.Push("live-9b") with { Repository = "octo/other", InstallationId = 7 }, Ct);
        var elsewhere = await scene.RequestAsync(StageScene.Push("live-9c") with { Repository = "acme/shop", InstallationId = 8 }, Ct);
        UploadSnapshots(scene);
        scene.Publisher.RefuseProgressWith = 429;

        Assert.Equal(2, (await scene.Stages.Live.TickAsync(Ct)).Count);

        // One run of installation 7 was refused, the other was not tried; installation 8 was tried on its own.
        Assert.Equal(1, ProgressPosts(scene, shop.RunId) + ProgressPosts(scene, other.RunId));
        Assert.Equal(1, ProgressPosts(scene, elsewhere.RunId));

        scene.Publisher.RefuseProgressWith = null;
        scene.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(3, (await scene.Stages.Live.TickAsync(Ct)).Count(n => n.Contains("check run updated", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_refusal_that_is_not_a_rate_limit_is_noted_and_retried_after_the_interval_without_back_off()
    {
        var (scene, run) = await UnderWayAsync("live-7");
        UploadSnapshots(scene);
        scene.Publisher.RefuseProgressWith = 422;

        Assert.Equal($"{run.RunId}: GitHub answered 422", Assert.Single(await scene.Stages.Live.TickAsync(Ct)));
        scene.Clock.Advance(scene.Stages.Live.Interval);
        Assert.Equal($"{run.RunId}: GitHub answered 422", Assert.Single(await scene.Stages.Live.TickAsync(Ct)));

        Assert.Equal(2, ProgressPosts(scene, run.RunId));
    }

    [Fact]
    public async Task A_finished_run_gets_no_progress_post_though_its_snapshots_are_still_there()
    {
        var (scene, run) = await UnderWayAsync("live-8");
        UploadSnapshots(scene, intervals: 1);
        await scene.Stages.Live.TickAsync(Ct);
        Assert.Equal(1, ProgressPosts(scene, run.RunId));

        await scene.ReportAsync(run.RunId, Ct);
        Assert.Equal(RunStatus.Reported, (await scene.Stores.Runs.GetAsync(run.RunId, Ct))!.Status);
        UploadSnapshots(scene, intervals: 3);
        scene.Clock.Advance(scene.Stages.Live.Interval);

        Assert.Empty(await scene.Stages.Live.TickAsync(Ct));
        Assert.Equal(1, ProgressPosts(scene, run.RunId));
        Assert.Single(scene.Publisher.Progress);
    }
}
