using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>
/// What every <see cref="IRunRepository"/> must do, run against each implementation: Azure Tables on Azurite
/// (<see cref="RunStoreContractTests"/>) and memory (<see cref="InMemoryRunRepositoryContractTests"/>).
/// </summary>
public abstract class RunRepositoryContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A repository with no runs in it.</summary>
    protected abstract Task<IRunRepository> NewStoreAsync();

    [Fact]
    public async Task Create_then_get_round_trips_every_field_and_a_second_create_is_refused()
    {
        var store = await NewStoreAsync();
        var run = TestRuns.NewRun() with { ReportBlobNames = ["a.md", "b.html"], Deadline = DateTimeOffset.UnixEpoch.AddDays(1) };

        Assert.True(await store.CreateAsync(run, Ct));
        Assert.False(await store.CreateAsync(run with { TestName = "other" }, Ct));

        var stored = await store.GetAsync(run.RunId, Ct);
        Assert.NotNull(stored);
        Assert.Equal(run.TestName, stored.TestName);
        Assert.Equal(run.Repo, stored.Repo);
        Assert.Equal(42, stored.PullRequest);
        Assert.Equal(RunTrigger.PullRequest, stored.Trigger);
        Assert.Equal(RunStatus.Queued, stored.Status);
        Assert.Equal(["a.md", "b.html"], stored.ReportBlobNames);
        Assert.Equal(run.Deadline, stored.Deadline);
        Assert.NotEqual(default, stored.CreatedAt);
        Assert.Null(await store.GetAsync("no-such-run", Ct));
    }

    [Fact]
    public async Task Walks_the_whole_state_machine_to_reported()
    {
        var store = await NewStoreAsync();
        var run = TestRuns.NewRun();
        await store.CreateAsync(run, Ct);

        RunStatus[] path = [RunStatus.Validating, RunStatus.Dispatched, RunStatus.Running, RunStatus.Collecting, RunStatus.Evaluating, RunStatus.Reported];
        foreach (var status in path)
        {
            var result = await store.TransitionAsync(run.RunId, status, null, Ct);
            Assert.Equal(TransitionOutcome.Moved, result.Outcome);
            Assert.Equal(status, result.Run!.Status);
        }

        Assert.Equal(RunStatus.Reported, (await store.GetAsync(run.RunId, Ct))!.Status);
    }

    [Fact]
    public async Task Illegal_moves_are_rejected_and_write_nothing()
    {
        var store = await NewStoreAsync();
        var run = TestRuns.NewRun();
        await store.CreateAsync(run, Ct);

        var skip = await store.TransitionAsync(run.RunId, RunStatus.Reported, null, Ct);
        Assert.Equal(TransitionOutcome.Illegal, skip.Outcome);
        Assert.Contains("Queued to Reported", skip.Message, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Queued, (await store.GetAsync(run.RunId, Ct))!.Status);

        await store.TransitionAsync(run.RunId, RunStatus.Failed, "definition invalid", Ct);
        var afterTerminal = await store.TransitionAsync(run.RunId, RunStatus.Validating, null, Ct);
        Assert.Equal(TransitionOutcome.Illegal, afterTerminal.Outcome);
        var again = await store.TransitionAsync(run.RunId, RunStatus.Failed, "other reason", Ct);
        Assert.Equal(TransitionOutcome.AlreadyThere, again.Outcome);

        var stored = await store.GetAsync(run.RunId, Ct);
        Assert.Equal(RunStatus.Failed, stored!.Status);
        Assert.Equal("definition invalid", stored.StatusReason);

        Assert.Equal(TransitionOutcome.NotFound, (await store.TransitionAsync("missing-run", RunStatus.Validating, null, Ct)).Outcome);
    }

    [Fact]
    public async Task UpdateAsync_refuses_to_change_the_status_behind_the_state_machine()
    {
        var store = await NewStoreAsync();
        var run = TestRuns.NewRun();
        await store.CreateAsync(run, Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.UpdateAsync(run.RunId, r => r with { Status = RunStatus.Reported }, Ct));
    }

    [Fact]
    public async Task Two_workers_updating_the_same_run_lose_no_update()
    {
        var store = await NewStoreAsync();
        var run = TestRuns.NewRun();
        await store.CreateAsync(run, Ct);

        async Task Worker(string name)
        {
            for (var i = 0; i < 10; i++)
                await store.UpdateAsync(run.RunId, r => r with { ReportBlobNames = [.. r.ReportBlobNames, $"{name}-{i}"] }, Ct);
        }

        await Task.WhenAll(Task.Run(() => Worker("a"), Ct), Task.Run(() => Worker("b"), Ct));

        var stored = await store.GetAsync(run.RunId, Ct);
        Assert.Equal(20, stored!.ReportBlobNames.Count);
        Assert.Equal(20, stored.ReportBlobNames.Distinct().Count());
    }

    [Fact]
    public async Task Concurrent_identical_transitions_move_the_run_exactly_once()
    {
        var store = await NewStoreAsync();
        var run = TestRuns.NewRun();
        await store.CreateAsync(run, Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => store.TransitionAsync(run.RunId, RunStatus.Validating, null, Ct), Ct)));

        Assert.Single(results, r => r.Outcome == TransitionOutcome.Moved);
        Assert.All(results.Where(r => !r.Moved), r => Assert.Equal(TransitionOutcome.AlreadyThere, r.Outcome));
    }

    [Fact]
    public async Task Overdue_lists_only_unfinished_runs_past_their_deadline()
    {
        var store = await NewStoreAsync();
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var late = TestRuns.NewRun() with { Deadline = now.AddMinutes(-1) };
        var onTime = TestRuns.NewRun() with { Deadline = now.AddMinutes(1) };
        var lateButFailed = TestRuns.NewRun() with { Deadline = now.AddMinutes(-5) };
        foreach (var run in new[] { late, onTime, lateButFailed })
            await store.CreateAsync(run, Ct);
        await store.TransitionAsync(lateButFailed.RunId, RunStatus.Failed, "launch failed", Ct);

        var overdue = await store.ListOverdueAsync(now, Ct);

        Assert.Equal([late.RunId], overdue.Select(r => r.RunId));
    }
}
