using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

public sealed class ShardStoreTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(RunStore Runs, ShardStore Shards, RunRecord Run)> NewRunAsync(int shardCount, DateTimeOffset deadline)
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var runs = new RunStore(clients, TimeProvider.System);
        var shards = new ShardStore(clients, runs, TimeProvider.System);
        var run = TestRuns.NewRun();
        await runs.CreateAsync(run, Ct);
        var created = await shards.CreateAsync(run.RunId, TestRuns.Shards(run.RunId, shardCount), deadline, Ct);
        return (runs, shards, created!);
    }

    [Fact]
    public async Task Creating_shards_records_count_and_deadline_and_a_retry_changes_nothing()
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(10);
        var (_, shards, run) = await NewRunAsync(3, deadline);
        Assert.Equal(3, run.ShardCount);
        Assert.Equal(deadline, run.Deadline!.Value, TimeSpan.FromMilliseconds(1));

        await shards.MarkLaunchedAsync(run.RunId, $"{run.RunId}-s000", "aci/group-1", Ct);
        await shards.CreateAsync(run.RunId, TestRuns.Shards(run.RunId, 3), deadline, Ct);

        var listed = await shards.ListAsync(run.RunId, Ct);
        Assert.Equal([0, 1, 2], listed.Select(s => s.Index));
        Assert.Equal(ShardStatus.Launched, listed[0].Status);
        Assert.Equal("aci/group-1", listed[0].LauncherHandle);
        Assert.Equal("azure/westeurope", listed[1].Location);
    }

    [Fact]
    public async Task A_duplicate_done_message_is_counted_once()
    {
        var (_, shards, run) = await NewRunAsync(2, DateTimeOffset.UtcNow.AddMinutes(10));
        var shardId = $"{run.RunId}-s000";

        var first = await shards.MarkDoneAsync(run.RunId, shardId, "blob-0", Ct);
        var second = await shards.MarkDoneAsync(run.RunId, shardId, "blob-0", Ct);

        Assert.Equal(ShardDoneOutcome.Marked, first.Outcome);
        Assert.Equal(ShardDoneOutcome.AlreadyDone, second.Outcome);
        Assert.Equal(1, second.Run!.ShardsReported);
        Assert.False(second.Run.MayBeComplete);
        Assert.False(second.Run.AllShardsAccountedFor);
        Assert.Equal("blob-0", (await shards.GetAsync(run.RunId, shardId, Ct))!.ResultBlobName);
    }

    [Fact]
    public async Task Twenty_parallel_done_calls_for_five_shards_count_five()
    {
        var (runs, shards, run) = await NewRunAsync(5, DateTimeOffset.UtcNow.AddMinutes(10));

        var calls = Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => shards.MarkDoneAsync(run.RunId, $"{run.RunId}-s{i % 5:000}", $"blob-{i % 5}", Ct), Ct));
        var results = await Task.WhenAll(calls);

        Assert.Equal(5, results.Count(r => r.Outcome == ShardDoneOutcome.Marked));
        Assert.Equal(15, results.Count(r => r.Outcome == ShardDoneOutcome.AlreadyDone));
        var stored = await runs.GetAsync(run.RunId, Ct);
        Assert.Equal(5, stored!.ShardsDone);
        Assert.True(stored.AllShardsAccountedFor);
    }

    [Fact]
    public async Task After_the_deadline_unfinished_shards_become_missing_and_late_results_are_ignored()
    {
        var deadline = new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);
        var (_, shards, run) = await NewRunAsync(3, deadline);
        await shards.MarkDoneAsync(run.RunId, $"{run.RunId}-s000", "blob-0", Ct);
        await shards.MarkRunningAsync(run.RunId, $"{run.RunId}-s001", Ct);

        var early = await shards.MarkMissingAfterDeadlineAsync(run, deadline.AddSeconds(-1), Ct);
        Assert.Empty(early.MissingShardIds);

        var sweep = await shards.MarkMissingAfterDeadlineAsync(run, deadline, Ct);
        Assert.Equal([$"{run.RunId}-s001", $"{run.RunId}-s002"], sweep.MissingShardIds);
        Assert.Equal(1, sweep.Run!.ShardsDone);
        Assert.Equal(2, sweep.Run.ShardsMissing);
        Assert.True(sweep.Run.AllShardsAccountedFor);

        var late = await shards.MarkDoneAsync(run.RunId, $"{run.RunId}-s002", "blob-2", Ct);
        Assert.Equal(ShardDoneOutcome.TooLate, late.Outcome);
        Assert.Equal(1, late.Run!.ShardsDone);
        Assert.Empty((await shards.MarkMissingAfterDeadlineAsync(run, deadline.AddHours(1), Ct)).MissingShardIds);
    }

    [Fact]
    public async Task A_failed_shard_is_counted_and_unknown_shards_are_reported_not_found()
    {
        var (_, shards, run) = await NewRunAsync(2, DateTimeOffset.UtcNow.AddMinutes(10));

        var afterFail = await shards.MarkFailedAsync(run.RunId, $"{run.RunId}-s001", "container exited 137", Ct);
        Assert.Equal(1, afterFail!.ShardsReported);
        Assert.False(afterFail.AllShardsAccountedFor);
        Assert.Equal("container exited 137", (await shards.GetAsync(run.RunId, $"{run.RunId}-s001", Ct))!.StatusReason);

        Assert.Equal(ShardDoneOutcome.NotFound, (await shards.MarkDoneAsync(run.RunId, "nope", "blob", Ct)).Outcome);
        Assert.False(await shards.MarkLaunchedAsync(run.RunId, $"{run.RunId}-s001", "late-handle", Ct));
    }

    [Fact]
    public async Task More_shards_than_one_transaction_holds_are_created_once_and_a_retry_keeps_their_state()
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(10);
        var (_, shards, run) = await NewRunAsync(150, deadline);
        await shards.MarkDoneAsync(run.RunId, $"{run.RunId}-s120", "blob-120", Ct);

        var again = await shards.CreateAsync(run.RunId, TestRuns.Shards(run.RunId, 150), deadline, Ct);

        var listed = await shards.ListAsync(run.RunId, Ct);
        Assert.Equal(150, listed.Count);
        Assert.Equal(ShardStatus.Done, listed[120].Status);
        Assert.Equal(1, again!.ShardsReported);
    }

    [Fact]
    public async Task The_last_shard_to_finish_recounts_the_exact_totals()
    {
        var (_, shards, run) = await NewRunAsync(3, DateTimeOffset.UtcNow.AddMinutes(10));
        await shards.MarkDoneAsync(run.RunId, $"{run.RunId}-s000", "blob-0", Ct);
        var second = await shards.MarkFailedAsync(run.RunId, $"{run.RunId}-s001", "exit 137", Ct);
        Assert.Equal((0, 0, 2), (second!.ShardsDone, second.ShardsFailed, second.ShardsReported));

        var last = await shards.MarkDoneAsync(run.RunId, $"{run.RunId}-s002", "blob-2", Ct);

        Assert.Equal((2, 1, 0, 3), (last.Run!.ShardsDone, last.Run.ShardsFailed, last.Run.ShardsMissing, last.Run.ShardsReported));
        Assert.True(last.Run.AllShardsAccountedFor);
    }

    [Fact]
    public async Task A_shard_whose_worker_died_before_counting_it_is_counted_by_the_redelivered_report()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var runs = new RunStore(clients, TimeProvider.System);
        var shards = new ShardStore(clients, runs, TimeProvider.System);
        var run = TestRuns.NewRun();
        await runs.CreateAsync(run, Ct);
        await shards.CreateAsync(run.RunId, TestRuns.Shards(run.RunId, 1), DateTimeOffset.UtcNow.AddMinutes(10), Ct);
        // The row turned done but the worker died before adding it to the run: what the first delivery leaves behind.
        var table = clients.Tables.GetTableClient(clients.Names.ShardsTable);
        var row = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(TableKey.Encode(run.RunId), TableKey.Encode($"{run.RunId}-s000"), cancellationToken: Ct)).Value;
        row["Status"] = nameof(ShardStatus.Done);
        row["ResultBlobName"] = "blob-0";
        await table.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace, Ct);

        var redelivered = await shards.MarkDoneAsync(run.RunId, $"{run.RunId}-s000", "blob-0", Ct);
        var again = await shards.MarkDoneAsync(run.RunId, $"{run.RunId}-s000", "blob-0", Ct);

        Assert.Equal(ShardDoneOutcome.AlreadyDone, redelivered.Outcome);
        Assert.True(redelivered.Run!.AllShardsAccountedFor);
        Assert.Equal((1, 1), (again.Run!.ShardsDone, again.Run.ShardsReported));
        Assert.True((await shards.GetAsync(run.RunId, $"{run.RunId}-s000", Ct))!.CountedOnRun);
    }

    [Fact]
    public async Task A_duplicate_racing_the_first_report_leaves_the_exact_total_once_the_run_is_complete()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var runs = new RunStore(clients, TimeProvider.System);
        var shards = new ShardStore(clients, runs, TimeProvider.System);
        var run = TestRuns.NewRun();
        await runs.CreateAsync(run, Ct);
        await shards.CreateAsync(run.RunId, TestRuns.Shards(run.RunId, 2), DateTimeOffset.UtcNow.AddMinutes(10), Ct);
        await shards.MarkDoneAsync(run.RunId, $"{run.RunId}-s000", "blob-0", Ct);
        // The first report of s001 marked its row and added it to the run but has not yet marked the row counted.
        await MarkRowDoneUncountedAsync(clients, run.RunId, $"{run.RunId}-s001");
        await runs.UpdateAsync(run.RunId, r => r with { ShardsReported = r.ShardsReported + 1 }, Ct);

        var duplicate = await shards.MarkDoneAsync(run.RunId, $"{run.RunId}-s001", "blob-1", Ct);
        // Complete now; a first report that marks its row only after this must not count it again.
        await MarkRowDoneUncountedAsync(clients, run.RunId, $"{run.RunId}-s001");
        var late = await shards.MarkDoneAsync(run.RunId, $"{run.RunId}-s001", "blob-1", Ct);

        Assert.Equal((2, 2), (duplicate.Run!.ShardsDone, duplicate.Run.ShardsReported));
        Assert.Equal((2, 2), (late.Run!.ShardsDone, late.Run.ShardsReported));
    }

    private static async Task MarkRowDoneUncountedAsync(StorageClients clients, string runId, string shardId)
    {
        var table = clients.Tables.GetTableClient(clients.Names.ShardsTable);
        var row = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(TableKey.Encode(runId), TableKey.Encode(shardId), cancellationToken: Ct)).Value;
        row["Status"] = nameof(ShardStatus.Done);
        row["ResultBlobName"] = "blob-1";
        row["CountedOnRun"] = false;
        await table.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace, Ct);
    }
}
