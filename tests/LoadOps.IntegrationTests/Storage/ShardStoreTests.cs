using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>
/// What only the table store does: the <see cref="RunRecord.ShardsReported"/> hint that decides when to recount, the
/// rows' <see cref="ShardRecord.CountedOnRun"/> mark, batched inserts and races staged through the table client. What
/// every shard repository does is in <see cref="ShardRepositoryContract"/>.
/// </summary>
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
    public async Task A_duplicate_done_message_adds_nothing_to_the_hint()
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
        Assert.True((await shards.GetAsync(run.RunId, shardId, Ct))!.CountedOnRun);
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
