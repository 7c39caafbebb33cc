using LoadOps.Pipeline.Tests.Scene;

namespace LoadOps.Pipeline.Tests.Stages;

/// <summary>One run through every stage in memory: request → validate → plan → dispatch → collect → evaluate → report.</summary>
public sealed class WholeRunTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_push_runs_through_every_stage_to_a_reported_run_with_its_result_and_reports()
    {
        var scene = new StageScene();

        var run = await scene.RequestAsync(StageScene.Push("push-1"), Ct);
        Assert.Equal(RunStatus.Dispatched, run.Status);
        Assert.Equal(2, scene.Launcher.Launched.Count);

        await scene.ReportAsync(run.RunId, Ct);

        var reported = await scene.Stores.Runs.GetAsync(run.RunId, Ct);
        Assert.Equal(RunStatus.Reported, reported!.Status);
        Assert.Equal(2, reported.ShardsDone);
        Assert.NotNull(reported.ResultBlobName);
        var merged = await scene.Stores.Results.ReadResultAsync(reported.ResultBlobName, Ct);
        Assert.Equal(2, merged!.Shards.Count);
        Assert.Equal(600, merged.Steps.Single(s => s.Location is null).Intervals.Sum(i => i.Ok));
        Assert.NotEmpty(reported.ReportBlobNames);
        Assert.Equal([$"dispatched:{run.RunId}", $"reported:{run.RunId}"], scene.Publisher.Posts);
        Assert.Equal(0, scene.Bus.CountOn(StageQueueNames.Report));
    }

    [Fact]
    public async Task Every_message_delivered_twice_still_makes_one_reported_run_with_each_shard_counted_once()
    {
        var scene = new StageScene { DeliverEachTwice = true };

        var dispatched = await scene.RequestAsync(StageScene.Push("push-2"), Ct);
        await scene.ReportAsync(dispatched.RunId, Ct);

        var run = await scene.Stores.Runs.GetAsync(StageScene.RunIdOf("push-2"), Ct);
        Assert.Equal(RunStatus.Reported, run!.Status);
        Assert.Equal(2, run.ShardsDone);
        Assert.Equal(2, run.ShardsReported);
        Assert.Equal(2, scene.Launcher.Launched.Count);
        Assert.Single(await scene.Stores.Baselines.GetRecentAsync(StageScene.TestName, "main", 10, Ct));
    }
}
