using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>
/// What every <see cref="IShardRepository"/> must do, run against each implementation: Azure Tables on Azurite
/// (<see cref="ShardStoreContractTests"/>) and memory (<see cref="InMemoryShardRepositoryContractTests"/>). The run's
/// <see cref="RunRecord.ShardsReported"/> hint and the totals before every shard is final differ by design (the table
/// recounts only when its hint says the run may be complete, memory after every final transition), so these tests
/// assert outcomes, shard rows and the totals once they must be exact; the table's hint is tested in
/// <see cref="ShardStoreTests"/>.
/// </summary>
public abstract class ShardRepositoryContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A shard repository and the run repository it keeps the totals on, both new and empty.</summary>
    protected abstract Task<(IShardRepository Shards, IRunRepository Runs)> NewStoresAsync();

    [Fact]
    public async Task Creating_shards_records_count_and_deadline_and_a_retry_changes_nothing()
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(10);
        var (shards, _, run) = await NewRunAsync(3, deadline);
        Assert.Equal(3, run.ShardCount);
        Assert.Equal(deadline, run.Deadline!.Value, TimeSpan.FromMilliseconds(1));

        await shards.MarkLaunchedAsync(run.RunId, ShardId(run, 0), "aci/group-1", Ct);
        await shards.MarkDoneAsync(run.RunId, ShardId(run, 1), "blob-1", Ct);
        var again = await shards.CreateAsync(run.RunId, TestRuns.Shards(run.RunId, 3), deadline, Ct);

        Assert.Equal(3, again!.ShardCount);
        var listed = await shards.ListAsync(run.RunId, Ct);
        Assert.Equal([0, 1, 2], listed.Select(s => s.Index));
        Assert.Equal(ShardStatus.Launched, listed[0].Status);
        Assert.Equal("aci/group-1", listed[0].LauncherHandle);
        Assert.Equal((ShardStatus.Done, "blob-1"), (listed[1].Status, listed[1].ResultBlobName));
        Assert.Equal("azure/westeurope", listed[1].Location);
        Assert.Equal(ShardStatus.Pending, listed[2].Status);

        // The retry kept the run's count of the shard that was done before it.
        await shards.MarkDoneAsync(run.RunId, ShardId(run, 0), "blob-0", Ct);
        var last = await shards.MarkDoneAsync(run.RunId, ShardId(run, 2), "blob-2", Ct);
        Assert.Equal((3, 0, 0), (last.Run!.ShardsDone, last.Run.ShardsFailed, last.Run.ShardsMissing));
        Assert.True(last.Run.AllShardsAccountedFor);
    }

    [Fact]
    public async Task Shards_of_a_run_that_does_not_exist_return_null_and_a_shard_of_another_run_is_refused()
    {
        var (shards, runs) = await NewStoresAsync();
        var run = await AddRunAsync(shards, runs, 1, DateTimeOffset.UtcNow.AddMinutes(10));
        var absent = TestRuns.NewRunId();

        Assert.Null(await shards.CreateAsync(absent, TestRuns.Shards(absent, 1), DateTimeOffset.UtcNow.AddMinutes(10), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            shards.CreateAsync(run.RunId, TestRuns.Shards(TestRuns.NewRunId(), 1), DateTimeOffset.UtcNow.AddMinutes(10), Ct));

        Assert.Single(await shards.ListAsync(run.RunId, Ct));
        Assert.Empty(await shards.ListAsync(TestRuns.NewRunId(), Ct));
        Assert.Null(await shards.GetAsync(run.RunId, "nope", Ct));
    }

    [Fact]
    public async Task A_duplicate_done_message_is_counted_once()
    {
        var (shards, _, run) = await NewRunAsync(2, DateTimeOffset.UtcNow.AddMinutes(10));
        var shardId = ShardId(run, 0);

        var first = await shards.MarkDoneAsync(run.RunId, shardId, "blob-0", Ct);
        var second = await shards.MarkDoneAsync(run.RunId, shardId, "blob-0-again", Ct);

        Assert.Equal(ShardDoneOutcome.Marked, first.Outcome);
        Assert.Equal(ShardDoneOutcome.AlreadyDone, second.Outcome);
        Assert.False(second.Run!.AllShardsAccountedFor);
        Assert.Equal("blob-0", (await shards.GetAsync(run.RunId, shardId, Ct))!.ResultBlobName);

        var last = await shards.MarkDoneAsync(run.RunId, ShardId(run, 1), "blob-1", Ct);
        Assert.Equal((2, 0, 0), (last.Run!.ShardsDone, last.Run.ShardsFailed, last.Run.ShardsMissing));
        Assert.True(last.Run.AllShardsAccountedFor);
    }

    [Fact]
    public async Task Twenty_parallel_done_calls_for_five_shards_count_five()
    {
        var (shards, runs, run) = await NewRunAsync(5, DateTimeOffset.UtcNow.AddMinutes(10));

        var calls = Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => shards.MarkDoneAsync(run.RunId, ShardId(run, i % 5), $"blob-{i % 5}", Ct), Ct));
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
        var (shards, _, run) = await NewRunAsync(3, deadline);
        await shards.MarkDoneAsync(run.RunId, ShardId(run, 0), "blob-0", Ct);
        await shards.MarkRunningAsync(run.RunId, ShardId(run, 1), Ct);

        var early = await shards.MarkMissingAfterDeadlineAsync(run, deadline.AddSeconds(-1), Ct);
        Assert.Empty(early.MissingShardIds);
        Assert.Equal(ShardStatus.Pending, (await shards.GetAsync(run.RunId, ShardId(run, 2), Ct))!.Status);

        var sweep = await shards.MarkMissingAfterDeadlineAsync(run, deadline, Ct);
        Assert.Equal([ShardId(run, 1), ShardId(run, 2)], sweep.MissingShardIds);
        Assert.Equal(1, sweep.Run!.ShardsDone);
        Assert.Equal(2, sweep.Run.ShardsMissing);
        Assert.True(sweep.Run.AllShardsAccountedFor);
        var listed = await shards.ListAsync(run.RunId, Ct);
        Assert.Equal([ShardStatus.Done, ShardStatus.Missing, ShardStatus.Missing], listed.Select(s => s.Status));
        Assert.Contains("deadline", listed[2].StatusReason, StringComparison.Ordinal);

        var late = await shards.MarkDoneAsync(run.RunId, ShardId(run, 2), "blob-2", Ct);
        Assert.Equal(ShardDoneOutcome.TooLate, late.Outcome);
        Assert.Equal(1, late.Run!.ShardsDone);
        Assert.Null((await shards.GetAsync(run.RunId, ShardId(run, 2), Ct))!.ResultBlobName);
        Assert.Empty((await shards.MarkMissingAfterDeadlineAsync(run, deadline.AddHours(1), Ct)).MissingShardIds);
    }

    [Fact]
    public async Task A_failed_shard_is_counted_and_unknown_shards_are_reported_not_found()
    {
        var (shards, _, run) = await NewRunAsync(2, DateTimeOffset.UtcNow.AddMinutes(10));

        var afterFail = await shards.MarkFailedAsync(run.RunId, ShardId(run, 1), "container exited 137", Ct);
        Assert.False(afterFail!.AllShardsAccountedFor);
        var failed = await shards.GetAsync(run.RunId, ShardId(run, 1), Ct);
        Assert.Equal((ShardStatus.Failed, "container exited 137"), (failed!.Status, failed.StatusReason));
        Assert.NotNull(failed.FinishedAt);

        Assert.Equal(ShardDoneOutcome.NotFound, (await shards.MarkDoneAsync(run.RunId, "nope", "blob", Ct)).Outcome);
        Assert.False(await shards.MarkLaunchedAsync(run.RunId, ShardId(run, 1), "late-handle", Ct));
        Assert.False(await shards.MarkLaunchedAsync(run.RunId, "nope", "handle", Ct));

        var last = await shards.MarkDoneAsync(run.RunId, ShardId(run, 0), "blob-0", Ct);
        Assert.Equal((1, 1, 0), (last.Run!.ShardsDone, last.Run.ShardsFailed, last.Run.ShardsMissing));
        Assert.True(last.Run.AllShardsAccountedFor);
    }

    [Fact]
    public async Task A_failure_reported_for_a_final_shard_changes_nothing()
    {
        var deadline = new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);
        var (shards, runs, run) = await NewRunAsync(3, deadline);
        await shards.MarkDoneAsync(run.RunId, ShardId(run, 0), "blob-0", Ct);
        await shards.MarkFailedAsync(run.RunId, ShardId(run, 1), "exit 137", Ct);
        await shards.MarkMissingAfterDeadlineAsync(run, deadline, Ct);
        var before = await runs.GetAsync(run.RunId, Ct);
        Assert.Equal((1, 1, 1), (before!.ShardsDone, before.ShardsFailed, before.ShardsMissing));

        var afterDone = await shards.MarkFailedAsync(run.RunId, ShardId(run, 0), "late failure", Ct);
        var afterFailed = await shards.MarkFailedAsync(run.RunId, ShardId(run, 1), "another failure", Ct);
        var afterMissing = await shards.MarkFailedAsync(run.RunId, ShardId(run, 2), "launch failed", Ct);

        foreach (var after in new[] { afterDone, afterFailed, afterMissing })
            Assert.Equal((1, 1, 1), (after!.ShardsDone, after.ShardsFailed, after.ShardsMissing));
        var listed = await shards.ListAsync(run.RunId, Ct);
        Assert.Equal([ShardStatus.Done, ShardStatus.Failed, ShardStatus.Missing], listed.Select(s => s.Status));
        Assert.Equal((null, "blob-0"), (listed[0].StatusReason, listed[0].ResultBlobName));
        Assert.Equal("exit 137", listed[1].StatusReason);
        Assert.Contains("deadline", listed[2].StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runner_saying_hello_moves_a_pending_or_launched_shard_to_running_and_nothing_else()
    {
        var (shards, _, run) = await NewRunAsync(3, DateTimeOffset.UtcNow.AddMinutes(10));

        Assert.True(await shards.MarkRunningAsync(run.RunId, ShardId(run, 0), Ct));
        var fromPending = await shards.GetAsync(run.RunId, ShardId(run, 0), Ct);
        Assert.Equal(ShardStatus.Running, fromPending!.Status);
        Assert.NotNull(fromPending.LaunchedAt);

        await shards.MarkLaunchedAsync(run.RunId, ShardId(run, 1), "aci/group-1", Ct);
        var launched = await shards.GetAsync(run.RunId, ShardId(run, 1), Ct);
        Assert.True(await shards.MarkRunningAsync(run.RunId, ShardId(run, 1), Ct));
        var fromLaunched = await shards.GetAsync(run.RunId, ShardId(run, 1), Ct);
        Assert.Equal(ShardStatus.Running, fromLaunched!.Status);
        Assert.Equal(launched!.LaunchedAt, fromLaunched.LaunchedAt);
        Assert.Equal("aci/group-1", fromLaunched.LauncherHandle);

        Assert.False(await shards.MarkRunningAsync(run.RunId, ShardId(run, 1), Ct));
        Assert.False(await shards.MarkLaunchedAsync(run.RunId, ShardId(run, 0), "late-handle", Ct));
        await shards.MarkDoneAsync(run.RunId, ShardId(run, 2), "blob-2", Ct);
        Assert.False(await shards.MarkRunningAsync(run.RunId, ShardId(run, 2), Ct));
        Assert.Equal(ShardStatus.Done, (await shards.GetAsync(run.RunId, ShardId(run, 2), Ct))!.Status);
        Assert.False(await shards.MarkRunningAsync(run.RunId, "nope", Ct));
    }

    [Fact]
    public async Task A_started_runners_handle_is_recorded_whatever_the_shard_reported_meanwhile_but_not_for_an_unknown_shard()
    {
        var (shards, _, run) = await NewRunAsync(4, DateTimeOffset.UtcNow.AddMinutes(10));
        for (var i = 0; i < 4; i++)
            Assert.True(await shards.MarkLaunchedAsync(run.RunId, ShardId(run, i), $"provisional-{i}", Ct));
        await shards.MarkRunningAsync(run.RunId, ShardId(run, 1), Ct);
        await shards.MarkDoneAsync(run.RunId, ShardId(run, 2), "blob-2", Ct); // A fast runner reported before its handle was recorded.
        await shards.MarkFailedAsync(run.RunId, ShardId(run, 3), "exit 1", Ct);

        Assert.True(await shards.RecordHandleAsync(run.RunId, ShardId(run, 0), "aci/group-0", needsTeardown: true, Ct));
        Assert.True(await shards.RecordHandleAsync(run.RunId, ShardId(run, 1), "ecs/task-1", needsTeardown: true, Ct));
        Assert.True(await shards.RecordHandleAsync(run.RunId, ShardId(run, 2), "aci/group-2", needsTeardown: true, Ct));
        Assert.True(await shards.RecordHandleAsync(run.RunId, ShardId(run, 3), "agent-3", needsTeardown: false, Ct));
        Assert.False(await shards.RecordHandleAsync(run.RunId, "nope", "aci/group-x", needsTeardown: true, Ct));

        var listed = await shards.ListAsync(run.RunId, Ct);
        Assert.Equal(["aci/group-0", "ecs/task-1", "aci/group-2", "agent-3"], listed.Select(s => s.LauncherHandle));
        Assert.Equal([true, true, true, false], listed.Select(s => s.TeardownPending));
        Assert.Equal([ShardStatus.Launched, ShardStatus.Running, ShardStatus.Done, ShardStatus.Failed], listed.Select(s => s.Status));
        Assert.Equal("blob-2", listed[2].ResultBlobName);
        Assert.Equal("exit 1", listed[3].StatusReason);
        Assert.Null(await shards.GetAsync(run.RunId, "nope", Ct));
    }

    [Fact]
    public async Task Runners_to_release_are_listed_across_runs_until_marked_torn_down()
    {
        var (shards, runs) = await NewStoresAsync();
        var first = await AddRunAsync(shards, runs, 2, DateTimeOffset.UtcNow.AddMinutes(10));
        var second = await AddRunAsync(shards, runs, 1, DateTimeOffset.UtcNow.AddMinutes(10));
        Assert.Empty(await shards.ListTeardownPendingAsync(Ct));

        await shards.MarkLaunchedAsync(first.RunId, ShardId(first, 0), "aci/a0", Ct);
        await shards.MarkLaunchedAsync(first.RunId, ShardId(first, 1), "agent-a1", Ct);
        await shards.RecordHandleAsync(first.RunId, ShardId(first, 1), "agent-a1", needsTeardown: false, Ct);
        await shards.MarkLaunchedAsync(second.RunId, ShardId(second, 0), "aci/b0", Ct);

        var pending = (await shards.ListTeardownPendingAsync(Ct)).OrderBy(s => s.ShardId, StringComparer.Ordinal).ToList();
        var expected = new[] { (first.RunId, ShardId(first, 0), "aci/a0"), (second.RunId, ShardId(second, 0), "aci/b0") }
            .OrderBy(s => s.Item2, StringComparer.Ordinal);
        Assert.Equal(expected, pending.Select(s => (s.RunId, s.ShardId, s.LauncherHandle!)));

        Assert.True(await shards.MarkTornDownAsync(first.RunId, ShardId(first, 0), Ct));
        Assert.False(await shards.MarkTornDownAsync(first.RunId, ShardId(first, 0), Ct));
        Assert.False(await shards.MarkTornDownAsync(first.RunId, ShardId(first, 1), Ct));
        Assert.False(await shards.MarkTornDownAsync(first.RunId, "nope", Ct));
        var tornDown = await shards.GetAsync(first.RunId, ShardId(first, 0), Ct);
        Assert.False(tornDown!.TeardownPending);
        Assert.NotNull(tornDown.TornDownAt);

        // A handle recorded after the runner was released does not put it back on the list.
        Assert.True(await shards.RecordHandleAsync(first.RunId, ShardId(first, 0), "aci/a0", needsTeardown: true, Ct));
        Assert.False((await shards.GetAsync(first.RunId, ShardId(first, 0), Ct))!.TeardownPending);
        Assert.Equal([ShardId(second, 0)], (await shards.ListTeardownPendingAsync(Ct)).Select(s => s.ShardId));
    }

    [Fact]
    public async Task A_recount_stores_the_totals_of_the_final_shards_and_never_lowers_a_stored_one()
    {
        var (shards, runs, run) = await NewRunAsync(3, DateTimeOffset.UtcNow.AddMinutes(10));
        await shards.MarkDoneAsync(run.RunId, ShardId(run, 0), "blob-0", Ct);
        await shards.MarkFailedAsync(run.RunId, ShardId(run, 1), "exit 137", Ct);

        // Totals that lost a count are repaired from the rows.
        await runs.UpdateAsync(run.RunId, r => r with { ShardsDone = 0, ShardsFailed = 0, ShardsMissing = 0 }, Ct);
        var repaired = await shards.RecountAsync(run.RunId, Ct);
        Assert.Equal((1, 1, 0), (repaired!.ShardsDone, repaired.ShardsFailed, repaired.ShardsMissing));
        Assert.False(repaired.AllShardsAccountedFor);

        // Totals above the rows' (a newer count's) are kept.
        await runs.UpdateAsync(run.RunId, r => r with { ShardsDone = 2, ShardsMissing = 1 }, Ct);
        var kept = await shards.RecountAsync(run.RunId, Ct);
        Assert.Equal((2, 1, 1), (kept!.ShardsDone, kept.ShardsFailed, kept.ShardsMissing));
        var stored = await runs.GetAsync(run.RunId, Ct);
        Assert.Equal((2, 1, 1), (stored!.ShardsDone, stored.ShardsFailed, stored.ShardsMissing));

        Assert.Null(await shards.RecountAsync(TestRuns.NewRunId(), Ct));
    }

    private async Task<(IShardRepository Shards, IRunRepository Runs, RunRecord Run)> NewRunAsync(int shardCount, DateTimeOffset deadline)
    {
        var (shards, runs) = await NewStoresAsync();
        return (shards, runs, await AddRunAsync(shards, runs, shardCount, deadline));
    }

    private static async Task<RunRecord> AddRunAsync(IShardRepository shards, IRunRepository runs, int shardCount, DateTimeOffset deadline)
    {
        var run = TestRuns.NewRun();
        Assert.True(await runs.CreateAsync(run, Ct));
        return (await shards.CreateAsync(run.RunId, TestRuns.Shards(run.RunId, shardCount), deadline, Ct))!;
    }

    private static string ShardId(RunRecord run, int index) => $"{run.RunId}-s{index:000}";
}
