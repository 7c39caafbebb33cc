using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline.Scale;

/// <summary>
/// Fan-out on Azurite with canned shards (no runner machines: see <see cref="CannedShardLauncher"/>) and two pumps
/// working the queues at once. Each run must end reported with exactly one merge and one published report.
/// </summary>
public sealed class PipelineScaleTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_thousand_canned_shards_are_merged_once_and_reported_once()
    {
        await using var rig = await ScaleRig.StartAsync(azurite, 1000, (results, sender) => new CannedShardLauncher(results, sender), Ct);

        var run = await rig.RunAsync("scale-1000", Ct);

        Assert.True(run.Status == RunStatus.Reported, $"{run.Status}: {run.StatusReason}");
        Assert.Equal((1000, 1000, 0, 0), (run.ShardCount, run.ShardsDone, run.ShardsMissing, run.ShardsFailed));
        Assert.Equal(1, rig.Merges);
        Assert.Contains(rig.Log, line => line.Contains("1000 of 1000 shards merged into", StringComparison.Ordinal));
        Assert.Equal(1, rig.Publisher.Reported);
    }

    [Fact]
    public async Task Duplicated_and_reordered_shard_reports_count_each_shard_once()
    {
        await using var rig = await ScaleRig.StartAsync(azurite, 60, (results, sender) => new CannedShardLauncher(results, sender) { ReportsPerShard = 3 }, Ct);

        var run = await rig.RunAsync("scale-duplicates", Ct);

        Assert.True(run.Status == RunStatus.Reported, $"{run.Status}: {run.StatusReason}");
        Assert.Equal((60, 0, 0, 60), (run.ShardsDone, run.ShardsMissing, run.ShardsFailed, run.ShardsReported));
        Assert.Equal(1, rig.Merges);
        Assert.Equal(1, rig.Publisher.Reported);
        Assert.Equal(120, rig.Log.Count(line => line.Contains("duplicate: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_provider_that_throttles_half_the_launches_fails_those_shards_not_the_run()
    {
        await using var rig = await ScaleRig.StartAsync(azurite, 40, (results, sender) => new CannedShardLauncher(results, sender) { ThrottleOddShards = true }, Ct);

        var run = await rig.RunAsync("scale-throttled", Ct);

        Assert.True(run.Status == RunStatus.Reported, $"{run.Status}: {run.StatusReason}");
        Assert.Equal((20, 20), (run.ShardsDone, run.ShardsFailed));
        Assert.Contains(rig.Log, line => line.Contains("20 of 40 shards merged into", StringComparison.Ordinal));
        Assert.Contains(rig.Log, line => line.Contains("20 refused: " + CannedShardLauncher.ThrottledReason, StringComparison.Ordinal));
        var throttled = (await rig.Stages.Shards.ListAsync(run.RunId, Ct)).Where(s => s.Index % 2 == 1).ToList();
        Assert.All(throttled, s => Assert.Equal((ShardStatus.Failed, CannedShardLauncher.ThrottledReason), (s.Status, s.StatusReason)));
        Assert.Equal(1, rig.Merges);
        Assert.Equal(1, rig.Publisher.Reported);
    }

    [Fact]
    public async Task A_location_whose_quota_cannot_hold_the_shards_fails_the_run_at_planning_before_any_launch()
    {
        await using var rig = await ScaleRig.StartAsync(azurite, 10, (results, sender) => new CannedShardLauncher(results, sender), Ct,
            [new LocationQuota { Location = "local", MaxShards = 4, Source = "this machine's runner slots" }]);

        var run = await rig.RunAsync("scale-over-quota", Ct);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("scale.loadtest.yaml:9:", run.StatusReason, StringComparison.Ordinal);
        Assert.Contains("error LO090: 10 runners at local, but the location holds at most 4 at once (this machine's runner slots)", run.StatusReason, StringComparison.Ordinal);
        Assert.Empty(await rig.Stages.Shards.ListAsync(run.RunId, Ct));
        Assert.Equal(0, rig.Publisher.Reported);
    }

    /// <summary>
    /// Regression: a ShardDone handled while its run was still validating (dispatch not finished) was dropped with
    /// "already merged", and the run waited for the deadline sweep. Here every shard reports inside the launch.
    /// </summary>
    [Fact]
    public async Task Shards_that_report_before_dispatch_finishes_are_merged_when_it_does_without_the_deadline_sweep()
    {
        await using var rig = await ScaleRig.StartAsync(azurite, 5, (results, sender) => new CannedShardLauncher(results, sender), Ct);
        var during = new List<string>();
        rig.Launcher.HandleDuringDispatch = async (done, ct) =>
        {
            var outcome = await rig.Stages.Collect.HandleAsync(done, ct);
            lock (during)
                during.Add(outcome.Note);
        };

        var run = await rig.RunAsync("scale-early-reports", Ct);

        Assert.True(run.Status == RunStatus.Reported, $"{run.Status}: {run.StatusReason}");
        Assert.Contains(during, note => note.Contains("while the run is Validating; dispatch merges it", StringComparison.Ordinal));
        Assert.Equal(5, run.ShardsDone);
        Assert.Equal(1, rig.Merges);
        Assert.Equal(1, rig.Publisher.Reported);
    }

    /// <summary>
    /// A host that dies after its runners reported but before dispatch recorded the run (serve used to merge such runs
    /// itself): the redelivered dispatch finds every shard accounted for and merges, with no deadline sweep.
    /// </summary>
    [Fact]
    public async Task A_dispatch_that_dies_after_every_shard_reported_is_merged_by_its_redelivery()
    {
        await using var rig = await ScaleRig.StartAsync(azurite, 5, (results, sender) => new CannedShardLauncher(results, sender), Ct);
        using var host = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        host.CancelAfter(TimeSpan.FromMinutes(2));
        var reported = 0;
        rig.Launcher.HandleDuringDispatch = async (done, ct) =>
        {
            await rig.Stages.Collect.HandleAsync(done, ct);
            if (Interlocked.Increment(ref reported) == 5)
                await host.CancelAsync(); // the host dies inside the launch call, after every report
        };
        await rig.Stages.Sender.SendAsync(ScaleRig.Request("scale-host-died"), Ct);
        var runId = RunIds.For("scale-host-died", ScaleRig.TestName);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            while (true)
                await rig.Pumps[0].PumpOnceAsync(host.Token);
        });
        Assert.Equal(5, reported);
        var stranded = await rig.Stages.Runs.GetAsync(runId, Ct);
        Assert.Equal((RunStatus.Validating, 5), (stranded!.Status, stranded.ShardsDone));

        rig.Launcher.HandleDuringDispatch = null;
        var redelivered = await rig.Stages.Dispatch.HandleAsync(new DispatchRun(runId), Ct);
        await rig.Stages.Sender.SendAsync(redelivered, Ct);
        var run = await rig.PumpUntilTerminalAsync(runId, Ct);

        Assert.Contains("every shard reported during dispatch", redelivered.Note, StringComparison.Ordinal);
        Assert.True(run.Status == RunStatus.Reported, $"{run.Status}: {run.StatusReason}");
        Assert.Equal(1, rig.Publisher.Reported);
    }
}
