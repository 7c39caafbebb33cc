using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Results;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline;

/// <summary>At-least-once delivery: every message may come twice, and nothing may be launched or counted twice.</summary>
public sealed class PipelineIdempotencyTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Duplicate_requests_and_shard_reports_launch_once_and_count_once()
    {
        await using var rig = await PipelineRig.StartAsync(azurite, doneMessagesPerShard: 2, Ct);
        await rig.Stages.Sender.SendAsync(PipelineRig.Request("delivery-dup"), Ct);
        await rig.Stages.Sender.SendAsync(PipelineRig.Request("delivery-dup"), Ct);
        var runId = RunIds.For("delivery-dup", PipelineRig.TestName);

        var run = await rig.PumpUntilTerminalAsync(runId, Ct);

        Assert.True(run.Status == RunStatus.Reported, $"{run.Status}: {run.StatusReason}");
        Assert.Equal(2, rig.Launcher.Launched);
        Assert.Equal(4, rig.Launcher.Sent.Count);
        Assert.Equal(2, run.ShardsDone);
        var merged = await rig.Stages.Results.ReadResultAsync(run.ResultBlobName!, Ct);
        var shardTotals = 0L;
        var shardBlobs = await rig.Stages.Results.ListShardResultsAsync(runId, Ct);
        Assert.Equal(2, shardBlobs.Count);
        foreach (var blob in shardBlobs)
            shardTotals += (await rig.Stages.Results.ReadResultAsync(blob, Ct))!.Steps.Sum(s => s.Intervals.Sum(i => i.Total));
        Assert.True(shardTotals > 0);
        Assert.Equal(shardTotals, ResultSummarizer.Summarize(merged!).Overall.Totals.Total);
    }

    [Fact]
    public async Task Late_duplicates_of_every_stage_message_leave_a_reported_run_as_it_is()
    {
        await using var rig = await PipelineRig.StartAsync(azurite, doneMessagesPerShard: 1, Ct);
        await rig.Stages.Sender.SendAsync(PipelineRig.Request("delivery-late"), Ct);
        var runId = RunIds.For("delivery-late", PipelineRig.TestName);
        var reported = await rig.PumpUntilTerminalAsync(runId, Ct);
        var firstDone = rig.Launcher.Sent.First();

        object[] duplicates =
        [
            PipelineRig.Request("delivery-late"), new PlanRun(runId, "loadtests/smoke.loadtest.yaml", reported.DefinitionHash),
            new DispatchRun(runId), firstDone, new EvaluateRun(runId), new ReportRun(runId),
        ];
        foreach (var message in duplicates)
            await rig.Stages.Sender.SendAsync(message, Ct);
        for (var i = 0; i < 10 && await rig.Pump.PumpOnceAsync(Ct) > 0; i++)
        {
        }

        var after = await rig.Stages.Runs.GetAsync(runId, Ct);
        Assert.Equal(RunStatus.Reported, after?.Status);
        Assert.Equal(reported.UpdatedAt, after?.UpdatedAt);
        Assert.Equal(2, after?.ShardsDone);
        Assert.Equal(2, rig.Launcher.Launched);
    }
}
