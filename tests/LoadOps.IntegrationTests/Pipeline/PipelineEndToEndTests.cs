using LoadOps.Cloud.Storage;
using LoadOps.Core.Reports;
using LoadOps.Core.Results;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline;

/// <summary>From a run request on the validate queue to a rendered report blob, with the real runner against the sample target.</summary>
public sealed class PipelineEndToEndTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_request_on_the_validate_queue_ends_in_a_reported_run_with_report_blobs()
    {
        await using var rig = await PipelineRig.StartAsync(azurite, doneMessagesPerShard: 1, Ct);
        await rig.Stages.Sender.SendAsync(PipelineRig.Request("delivery-1"), Ct);

        var run = await rig.PumpUntilTerminalAsync(RunIds.For("delivery-1", PipelineRig.TestName), Ct);

        Assert.True(run.Status == RunStatus.Reported, $"{run.Status}: {run.StatusReason}");
        Assert.Equal(2, run.ShardCount);
        Assert.Equal(2, run.ShardsDone);
        Assert.Equal(ReportFiles.All.Count, run.ReportBlobNames.Count);
        await using var markdown = await rig.Stages.Results.OpenReportAsync(ArtifactNames.ReportBlobName(run.RunId, "report.md"), Ct);
        Assert.NotNull(markdown);
        var text = await new StreamReader(markdown).ReadToEndAsync(Ct);
        Assert.Contains(PipelineRig.TestName, text, StringComparison.Ordinal);

        var merged = await rig.Stages.Results.ReadResultAsync(run.ResultBlobName!, Ct);
        Assert.NotNull(merged);
        Assert.Equal(2, merged.Shards.Count);
        Assert.True(ResultSummarizer.Summarize(merged).Overall.Totals.Ok > 0);
    }

    [Fact]
    public async Task A_shard_that_never_reports_is_marked_missing_at_the_deadline_and_the_rest_is_reported_as_incomplete()
    {
        await using var rig = await PipelineRig.StartAsync(azurite, doneMessagesPerShard: 1, Ct, silentShards: new HashSet<int> { 1 });
        await rig.Stages.Sender.SendAsync(PipelineRig.Request("delivery-2"), Ct);
        var runId = RunIds.For("delivery-2", PipelineRig.TestName);

        // Pump until the reporting shard is counted; the run then waits for the silent one.
        for (var i = 0; i < 300 && (await rig.Stages.Runs.GetAsync(runId, Ct))?.ShardsReported != 1; i++)
        {
            await rig.Pump.PumpOnceAsync(Ct);
            await Task.Delay(100, Ct);
        }
        var waiting = await rig.Stages.Runs.GetAsync(runId, Ct);
        Assert.Equal(RunStatus.Running, waiting?.Status);

        await rig.Pump.SweepAsync(DateTimeOffset.UtcNow, Ct); // before the deadline: nothing happens
        Assert.Equal(0, (await rig.Stages.Runs.GetAsync(runId, Ct))?.ShardsMissing);

        await rig.Pump.SweepAsync(waiting!.Deadline!.Value.AddSeconds(1), Ct);
        var run = await rig.PumpUntilTerminalAsync(runId, Ct);

        Assert.True(run.Status == RunStatus.Reported, $"{run.Status}: {run.StatusReason}");
        Assert.Equal(1, run.ShardsDone);
        Assert.Equal(1, run.ShardsMissing);
        var merged = await rig.Stages.Results.ReadResultAsync(run.ResultBlobName!, Ct);
        Assert.Equal(ResultStatus.Incomplete, merged?.Status);
    }
}
