using System.Text;
using Azure.Storage.Queues;
using LoadOps.Cloud.Pipeline;
using LoadOps.Core.Pipeline;
using LoadOps.IntegrationTests.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline;

/// <summary>How the pump retries, poisons and survives messages it cannot read.</summary>
public sealed class QueuePumpTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failed_message_waits_out_its_retry_delay_instead_of_coming_back_at_once()
    {
        await using var rig = await PipelineRig.StartAsync(azurite, doneMessagesPerShard: 1, Ct,
            pumpOptions: new QueuePumpOptions { MaxDequeueCount = 5, RetryDelay = TimeSpan.FromMinutes(2), MaxRetryDelay = TimeSpan.FromMinutes(10) });
        await rig.Stages.Runs.CreateAsync(TestRuns.NewRun() with { RunId = "retry-run" }, Ct);
        // An empty result blob name makes the collect stage throw.
        await rig.Stages.Sender.SendAsync(new ShardDone("retry-run", "retry-run-s000", ""), Ct);

        Assert.Equal(1, await rig.Pump.PumpOnceAsync(Ct));
        Assert.Equal(0, await rig.Pump.PumpOnceAsync(Ct));

        var collect = rig.Clients.Queues.GetQueueClient(rig.Clients.Names.Queue(StageQueueNames.Collect));
        Assert.Equal(1, (await collect.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
        Assert.Empty((await collect.PeekMessagesAsync(10, Ct)).Value);
        Assert.Contains(rig.Log, line => line.Contains("attempt 1 of 5 failed, retrying in 120 s", StringComparison.Ordinal));
        Assert.NotEqual(RunStatus.Failed, (await rig.Stages.Runs.GetAsync("retry-run", Ct))?.Status);
    }

    [Fact]
    public async Task Regression_the_poison_reason_is_the_error_of_the_last_attempt_not_only_the_count()
    {
        await using var rig = await PipelineRig.StartAsync(azurite, doneMessagesPerShard: 1, Ct,
            pumpOptions: new QueuePumpOptions { MaxDequeueCount = 2, RetryDelay = TimeSpan.Zero });
        await rig.Stages.Runs.CreateAsync(TestRuns.NewRun() with { RunId = "cause-run" }, Ct);
        await rig.Stages.Sender.SendAsync(new ShardDone("cause-run", "cause-run-s000", ""), Ct);

        for (var i = 0; i < 2; i++)
            await rig.Pump.PumpOnceAsync(Ct);

        var run = await rig.Stages.Runs.GetAsync("cause-run", Ct);
        Assert.Equal(RunStatus.Failed, run?.Status);
        Assert.Contains("Gave up after 2 attempts; the last failed with ArgumentException", run?.StatusReason, StringComparison.Ordinal);
        Assert.Contains("resultBlobName", run?.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_text_message_is_poisoned_with_the_reason_and_the_request_behind_it_still_runs()
    {
        await using var rig = await PipelineRig.StartAsync(azurite, doneMessagesPerShard: 1, Ct);
        var validate = rig.Clients.Names.Queue(StageQueueNames.Validate);
        await new QueueClient(azurite.ConnectionString, validate).SendMessageAsync("please run the smoke test", Ct);
        await rig.Stages.Sender.SendAsync(PipelineRig.Request("after-plain-text"), Ct);

        var run = await rig.PumpUntilTerminalAsync(RunIds.For("after-plain-text", PipelineRig.TestName), Ct);

        Assert.Equal(RunStatus.Reported, run.Status);
        var parked = Assert.Single((await new QueueClient(azurite.ConnectionString, StageQueueNames.PoisonOf(validate)).PeekMessagesAsync(10, Ct)).Value);
        Assert.Equal("please run the smoke test", Encoding.UTF8.GetString(Convert.FromBase64String(parked.Body.ToString())));
        Assert.Contains(rig.Log, line => line.StartsWith("loadops-validate: poisoned:", StringComparison.Ordinal) && line.Contains("not base64", StringComparison.Ordinal));
    }
}
