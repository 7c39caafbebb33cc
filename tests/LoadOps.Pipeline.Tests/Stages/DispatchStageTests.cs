using LoadOps.Core.Pipeline;
using LoadOps.Pipeline.Tests.Scene;
using LoadOps.Pipeline.Cost;

namespace LoadOps.Pipeline.Tests.Stages;

/// <summary>Dispatch in memory: every shard launched once, refusals failing their shard, and the cost gate.</summary>
public sealed class DispatchStageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Validates and plans the scene's test; returns the run's dispatch message, not yet handled.</summary>
    private static async Task<DispatchRun> PlannedAsync(StageScene scene, string requestId)
    {
        var validated = await scene.Stages.Validate.HandleAsync(StageScene.Push(requestId), Ct);
        var planned = await scene.Stages.Plan.HandleAsync((PlanRun)Assert.Single(validated.Next), Ct);
        return Assert.IsType<DispatchRun>(Assert.Single(planned.Next));
    }

    [Fact]
    public async Task Dispatch_launches_every_shard_records_its_handle_and_tells_the_publisher()
    {
        var scene = new StageScene();
        var message = await PlannedAsync(scene, "d-1");

        await scene.Stages.Dispatch.HandleAsync(message, Ct);

        Assert.Equal(2, scene.Launcher.Launched.Count);
        var run = await scene.Stores.Runs.GetAsync(message.RunId, Ct);
        Assert.Equal(RunStatus.Dispatched, run!.Status);
        Assert.StartsWith("2 of 2 shards launched", run.StatusReason, StringComparison.Ordinal);
        Assert.All(await scene.Stores.Shards.ListAsync(message.RunId, Ct), s =>
        {
            Assert.Equal(ShardStatus.Launched, s.Status);
            Assert.Equal("runner-" + s.ShardId, s.LauncherHandle);
            Assert.False(s.TeardownPending);
        });
        Assert.Equal([$"dispatched:{message.RunId}"], scene.Publisher.Posts);
    }

    [Fact]
    public async Task A_redelivered_dispatch_launches_no_shard_twice()
    {
        var scene = new StageScene();
        var message = await PlannedAsync(scene, "d-2");

        await scene.Stages.Dispatch.HandleAsync(message, Ct);
        await scene.Stages.Dispatch.HandleAsync(message, Ct);

        Assert.Equal(2, scene.Launcher.Launched.Count);
        Assert.Equal(2, scene.Launcher.Launched.Select(s => s.ShardId).Distinct().Count());
    }

    [Fact]
    public async Task A_refused_location_fails_its_shards_and_the_rest_run_on()
    {
        var launcher = new RecordingLauncher();
        launcher.RefusedLocations.Add("aws/eu-west-1");
        var scene = new StageScene(StageScene.Definition(runners: "- { location: local, count: 1 }\n  - { location: aws/eu-west-1, count: 1 }"), launcher);
        var message = await PlannedAsync(scene, "d-3");

        await scene.Stages.Dispatch.HandleAsync(message, Ct);

        var run = await scene.Stores.Runs.GetAsync(message.RunId, Ct);
        Assert.Equal(RunStatus.Dispatched, run!.Status);
        Assert.Equal(1, run.ShardsFailed);
        Assert.Contains("1 refused: no capacity in aws/eu-west-1", run.StatusReason, StringComparison.Ordinal);
        var failed = (await scene.Stores.Shards.ListAsync(message.RunId, Ct)).Single(s => s.Status == ShardStatus.Failed);
        Assert.Equal("aws/eu-west-1", failed.Location);
    }

    [Fact]
    public async Task A_run_none_of_whose_shards_can_be_launched_fails_saying_why()
    {
        var launcher = new RecordingLauncher();
        launcher.RefusedLocations.Add("local");
        var scene = new StageScene(launcher: launcher);
        var message = await PlannedAsync(scene, "d-4");

        await scene.Stages.Dispatch.HandleAsync(message, Ct);

        var run = await scene.Stores.Runs.GetAsync(message.RunId, Ct);
        Assert.Equal(RunStatus.Failed, run!.Status);
        Assert.StartsWith("No shard could be launched; 2 refused: no capacity in local", run.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cloud_launches_leave_their_runners_to_the_runner_sweep()
    {
        var scene = new StageScene(launcher: new RecordingLauncher { Cloud = true });
        var message = await PlannedAsync(scene, "d-5");

        await scene.Stages.Dispatch.HandleAsync(message, Ct);

        Assert.Equal(2, (await scene.Stores.Shards.ListTeardownPendingAsync(Ct)).Count);
    }

    [Fact]
    public async Task The_cost_gate_charges_an_allowed_run_once_and_refuses_the_run_that_would_pass_the_budget()
    {
        // Two local runners for 15 s plus a start-up minute each, at 1.00 a runner-minute: 2.50 a run.
        var cost = new CostOptions { Prices = new(StringComparer.OrdinalIgnoreCase) { ["local"] = 1.00m }, MonthlyBudget = 4m };
        var scene = new StageScene(cost: cost);

        var first = await PlannedAsync(scene, "c-1");
        await scene.Stages.Dispatch.HandleAsync(first, Ct);
        await scene.Stages.Dispatch.HandleAsync(first, Ct);
        var second = await PlannedAsync(scene, "c-2");
        await scene.Stages.Dispatch.HandleAsync(second, Ct);

        var month = RunCostGate.Month(StageScene.Start);
        Assert.Equal(2.5m, await scene.Stores.Spend.MonthToDateAsync(StageScene.Repository, month, null, Ct));
        Assert.Equal(RunStatus.Dispatched, (await scene.Stores.Runs.GetAsync(first.RunId, Ct))!.Status);
        var refused = await scene.Stores.Runs.GetAsync(second.RunId, Ct);
        Assert.Equal(RunStatus.Failed, refused!.Status);
        Assert.StartsWith("Refused: the monthly budget of 4.00 USD", refused.StatusReason, StringComparison.Ordinal);
        Assert.Equal(2, scene.Launcher.Launched.Count);
    }
}
