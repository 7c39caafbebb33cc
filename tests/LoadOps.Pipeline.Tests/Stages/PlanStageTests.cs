using LoadOps.Core.Pipeline;
using LoadOps.Pipeline.Tests.Scene;

namespace LoadOps.Pipeline.Tests.Stages;

/// <summary>Plan in memory: shard rows and the stored plan, written once, and a definition that changed under it.</summary>
public sealed class PlanStageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(StageScene Scene, PlanRun Message)> ValidatedAsync(string requestId, string? definition = null)
    {
        var scene = new StageScene(definition);
        var validated = await scene.Stages.Validate.HandleAsync(StageScene.Push(requestId), Ct);
        return (scene, Assert.IsType<PlanRun>(Assert.Single(validated.Next)));
    }

    [Fact]
    public async Task Planning_stores_the_plan_makes_one_pending_row_per_shard_and_sets_the_deadline()
    {
        var (scene, message) = await ValidatedAsync("p-1", StageScene.Definition(runners: "- { location: local, count: 3 }"));

        var outcome = await scene.Stages.Plan.HandleAsync(message, Ct);

        Assert.IsType<DispatchRun>(Assert.Single(outcome.Next));
        var plan = await scene.Stores.Documents.ReadPlanAsync(message.RunId, Ct);
        Assert.Equal(3, plan!.Shards.Count);
        Assert.Equal(StageScene.Start + TimeSpan.FromSeconds(5), plan.StartAt);
        var shards = await scene.Stores.Shards.ListAsync(message.RunId, Ct);
        Assert.Equal([0, 1, 2], shards.Select(s => s.Index));
        Assert.All(shards, s => Assert.Equal(ShardStatus.Pending, s.Status));
        var run = await scene.Stores.Runs.GetAsync(message.RunId, Ct);
        Assert.Equal(3, run!.ShardCount);
        Assert.Equal(plan.Deadline, run.Deadline);
        Assert.True(plan.Deadline >= plan.StartAt + TimeSpan.FromSeconds(15 + 30));
    }

    [Fact]
    public async Task A_plan_message_delivered_again_later_keeps_the_first_start_time()
    {
        var (scene, message) = await ValidatedAsync("p-2");
        await scene.Stages.Plan.HandleAsync(message, Ct);
        var first = await scene.Stores.Documents.ReadPlanAsync(message.RunId, Ct);

        scene.Clock.Advance(TimeSpan.FromMinutes(3));
        var again = await scene.Stages.Plan.HandleAsync(message, Ct);

        Assert.IsType<DispatchRun>(Assert.Single(again.Next));
        Assert.Equal(first!.StartAt, (await scene.Stores.Documents.ReadPlanAsync(message.RunId, Ct))!.StartAt);
        Assert.Equal(2, (await scene.Stores.Shards.ListAsync(message.RunId, Ct)).Count);
    }

    [Fact]
    public async Task A_definition_changed_after_validation_fails_the_run_instead_of_planning_other_load()
    {
        var (scene, message) = await ValidatedAsync("p-3");
        scene.Files.Put(StageScene.DefinitionPath, StageScene.Definition(runners: "- { location: local, count: 9 }"));

        var outcome = await scene.Stages.Plan.HandleAsync(message, Ct);

        Assert.Empty(outcome.Next);
        var run = await scene.Stores.Runs.GetAsync(message.RunId, Ct);
        Assert.Equal(RunStatus.Failed, run!.Status);
        Assert.Contains("changed after it was validated", run.StatusReason, StringComparison.Ordinal);
        Assert.Null(await scene.Stores.Documents.ReadPlanAsync(message.RunId, Ct));
    }

    [Fact]
    public async Task A_plan_for_a_run_that_is_gone_or_past_validating_is_dropped()
    {
        var (scene, message) = await ValidatedAsync("p-4");

        Assert.Empty((await scene.Stages.Plan.HandleAsync(message with { RunId = "no-such-run" }, Ct)).Next);
        await scene.Stores.Runs.TransitionAsync(message.RunId, RunStatus.Failed, "cancelled", Ct);
        Assert.Empty((await scene.Stages.Plan.HandleAsync(message, Ct)).Next);
        Assert.Empty(await scene.Stores.Shards.ListAsync(message.RunId, Ct));
    }
}
