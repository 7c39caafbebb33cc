using LoadOps.Cloud.Pipeline;
using LoadOps.Core.Pipeline;
using LoadOps.IntegrationTests.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline;

/// <summary>Runs that cannot go on end as failed, saying why.</summary>
public sealed class PipelineFailureTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_that_keeps_failing_is_poisoned_and_fails_its_run_with_the_reason()
    {
        await using var rig = await PipelineRig.StartAsync(azurite, doneMessagesPerShard: 1, Ct,
            pumpOptions: new QueuePumpOptions { MaxDequeueCount = 2, VisibilityTimeout = TimeSpan.FromSeconds(20), RetryDelay = TimeSpan.Zero });
        await rig.Stages.Runs.CreateAsync(TestRuns.NewRun() with { RunId = "poison-run" }, Ct);

        // An empty result blob name makes the collect stage throw: a message no retry can fix.
        await rig.Stages.Sender.SendAsync(new ShardDone("poison-run", "poison-run-s000", ""), Ct);
        for (var i = 0; i < 3; i++)
            await rig.Pump.PumpOnceAsync(Ct);

        var run = await rig.Stages.Runs.GetAsync("poison-run", Ct);
        Assert.Equal(RunStatus.Failed, run?.Status);
        Assert.Contains(StageQueueNames.Collect, run?.StatusReason, StringComparison.Ordinal);
        var poison = rig.Clients.Queues.GetQueueClient(StageQueueNames.PoisonOf(rig.Clients.Names.Queue(StageQueueNames.Collect)));
        Assert.Single((await poison.PeekMessagesAsync(10, Ct)).Value);
    }

    [Fact]
    public async Task An_invalid_definition_fails_its_run_with_located_errors_and_is_not_planned()
    {
        const string invalid = "version: 1\nname: pipeline-smoke\ntarget: { baseUrl: http://127.0.0.1:1 }\nload: { model: open, stages: [] }\nscenarois: []\n";
        await using var rig = await PipelineRig.StartAsync(azurite, doneMessagesPerShard: 1, Ct, definitionText: invalid);
        await rig.Stages.Sender.SendAsync(PipelineRig.Request("delivery-bad"), Ct);

        var run = await rig.PumpUntilTerminalAsync(RunIds.For("delivery-bad", PipelineRig.TestName), Ct);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("loadtests/smoke.loadtest.yaml:", run.StatusReason, StringComparison.Ordinal);
        Assert.Equal(0, run.ShardCount);
        Assert.Equal(0, rig.Launcher.Launched);
    }

    [Fact]
    public async Task A_launcher_that_throws_fails_the_run_with_the_reason_instead_of_stranding_its_shards()
    {
        await using var rig = await PipelineRig.StartAsync(azurite, doneMessagesPerShard: 1, Ct, launcherThrows: true);
        await rig.Stages.Sender.SendAsync(PipelineRig.Request("delivery-throws"), Ct);

        var run = await rig.PumpUntilTerminalAsync(RunIds.For("delivery-throws", PipelineRig.TestName), Ct);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("the cloud API timed out", run.StatusReason, StringComparison.Ordinal);
        var shards = await rig.Stages.Shards.ListAsync(run.RunId, Ct);
        Assert.NotEmpty(shards);
        Assert.All(shards, shard => Assert.Equal(ShardStatus.Failed, shard.Status));
    }

    [Fact]
    public async Task A_poisoned_request_for_one_test_leaves_a_failed_run_where_its_caller_polls()
    {
        await using var rig = await PipelineRig.StartAsync(azurite, doneMessagesPerShard: 1, Ct);
        var request = PipelineRig.Request("delivery-poisoned") with { TestName = "checkout" };

        var note = await rig.Stages.Poisoned.FailAsync(StageQueueNames.Validate,
            new PoisonedMessage<RunRequest>("m-1", "{}", request, 5, "the commit is not in the repository"), Ct);

        var run = await rig.Stages.Runs.GetAsync(RunIds.For("delivery-poisoned", "checkout"), Ct);
        Assert.Equal(RunStatus.Failed, run?.Status);
        Assert.Contains("the commit is not in the repository", run?.StatusReason, StringComparison.Ordinal);
        Assert.Contains(run!.RunId, note, StringComparison.Ordinal);
    }
}
