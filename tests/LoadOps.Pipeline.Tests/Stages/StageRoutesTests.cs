using LoadOps.Core.Pipeline;
using LoadOps.Pipeline.Tests.Scene;

namespace LoadOps.Pipeline.Tests.Stages;

/// <summary>The route table: every stage queue has exactly one route, and every message a stage sends has a stage to go to.</summary>
public sealed class StageRoutesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_stage_queue_has_one_route_in_pipeline_order_and_every_message_type_a_route()
    {
        var stages = new StageScene().Stages;

        Assert.Equal(StageQueueNames.Stages, stages.Routes.Select(r => r.Queue));
        Assert.Equal(
            PipelineQueues.Queues.Keys.OrderBy(t => t.Name, StringComparer.Ordinal),
            stages.Routes.Select(r => r.MessageType).OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.Equal(StageQueueNames.Stages.Order(StringComparer.Ordinal), PipelineQueues.Queues.Values.Order(StringComparer.Ordinal));
        Assert.All(StageQueueNames.Stages, q => Assert.Equal(q, stages.RouteOf(q).Queue));
        Assert.Throws<ArgumentException>(() => stages.RouteOf(StageQueueNames.PoisonOf(StageQueueNames.Plan)));
    }

    [Fact]
    public async Task A_route_refuses_a_message_of_another_stage_and_the_bus_one_of_no_stage()
    {
        var scene = new StageScene();

        var wrong = await Assert.ThrowsAsync<ArgumentException>(() => scene.Stages.RouteOf(StageQueueNames.Plan).HandleAsync(new DispatchRun("r"), Ct));
        Assert.Contains("takes PlanRun, not DispatchRun", wrong.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => scene.Stores.Bus.SendAsync("shard s000 is done", Ct));
        Assert.Null(PipelineQueues.RunIdOf(StageScene.Push("req")));
        Assert.Equal("r-9", PipelineQueues.RunIdOf(new ShardDone("r-9", "s", "b")));
    }
}
