using LoadOps.Core.Pipeline;
using LoadOps.Pipeline.Tests.Scene;

namespace LoadOps.Pipeline.Tests.Stages;

/// <summary>
/// The runner sweep in memory over cloud launches: runners of a finished run or shard are released once, a runner of a
/// run under way is checked and released when it finished (failing its shard if it failed), and a provider failure
/// leaves the shard for the next sweep.
/// </summary>
public sealed class RunnerSweepTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(StageScene Scene, FakeTeardown Teardown, RunRecord Run)> DispatchedAsync(string requestId)
    {
        var teardown = new FakeTeardown();
        var scene = new StageScene(launcher: new RecordingLauncher { Cloud = true }, teardown: teardown);
        var run = await scene.RequestAsync(StageScene.Push(requestId), Ct);
        return (scene, teardown, run);
    }

    private static string Handle(string shardId) => "runner-" + shardId;

    private static async Task<ShardRecord> ShardAsync(StageScene scene, string runId, int index) =>
        (await scene.Stores.Shards.ListAsync(runId, Ct)).Single(s => s.Index == index);

    [Fact]
    public async Task Cloud_launches_leave_every_shard_pending_teardown_with_its_handle()
    {
        var (scene, teardown, run) = await DispatchedAsync("sweep-0");

        var pending = await scene.Stores.Shards.ListTeardownPendingAsync(Ct);

        Assert.Equal(scene.Launcher.Launched.Select(s => Handle(s.ShardId)), pending.Select(s => s.LauncherHandle));
        Assert.All(pending, s => Assert.Equal(run.RunId, s.RunId));
        Assert.Empty(teardown.TornDown);
    }

    [Fact]
    public async Task The_runners_of_a_finished_run_are_torn_down_once_and_marked_torn_down()
    {
        var (scene, teardown, run) = await DispatchedAsync("sweep-1");
        await scene.ReportAsync(run.RunId, Ct);
        Assert.Equal(RunStatus.Reported, (await scene.Stores.Runs.GetAsync(run.RunId, Ct))!.Status);
        scene.Clock.Advance(TimeSpan.FromSeconds(30));

        var first = await scene.Stages.Runners.SweepAsync(Ct);
        var second = await scene.Stages.Runners.SweepAsync(Ct);

        var handles = scene.Launcher.Launched.Select(s => Handle(s.ShardId)).ToList();
        Assert.Equal(handles.Select(h => (h, "its run is Reported")), teardown.TornDown);
        Assert.Empty(teardown.Checked); // A finished run's runners are released without asking how they are.
        Assert.Contains("released (its run is Reported)", first.Note, StringComparison.Ordinal);
        Assert.Equal("No cloud runner to release.", second.Note);
        Assert.Empty(await scene.Stores.Shards.ListTeardownPendingAsync(Ct));
        foreach (var shard in await scene.Stores.Shards.ListAsync(run.RunId, Ct))
        {
            Assert.False(shard.TeardownPending);
            Assert.Equal(scene.Clock.GetUtcNow(), shard.TornDownAt);
            Assert.Equal(ShardStatus.Done, shard.Status);
        }
    }

    [Fact]
    public async Task The_runners_of_a_failed_run_are_released_though_their_shards_never_reported()
    {
        var (scene, teardown, run) = await DispatchedAsync("sweep-2");
        await scene.Stores.Runs.TransitionAsync(run.RunId, RunStatus.Failed, "cancelled", Ct);

        await scene.Stages.Runners.SweepAsync(Ct);

        Assert.Equal(2, teardown.TornDown.Count);
        Assert.All(teardown.TornDown, t => Assert.Equal("its run is Failed", t.Reason));
        Assert.Empty(await scene.Stores.Shards.ListTeardownPendingAsync(Ct));
    }

    [Fact]
    public async Task A_reported_shard_of_a_run_under_way_is_released_and_the_others_are_checked_and_left_running()
    {
        var (scene, teardown, run) = await DispatchedAsync("sweep-3");
        var specs = scene.Launcher.Launched;
        await scene.ReportAsync(run.RunId, Ct, silent: specs[1].ShardId);
        Assert.Equal(RunStatus.Running, (await scene.Stores.Runs.GetAsync(run.RunId, Ct))!.Status);

        var outcome = await scene.Stages.Runners.SweepAsync(Ct);

        Assert.Equal([(Handle(specs[0].ShardId), "the shard is Done")], teardown.TornDown);
        Assert.Equal([Handle(specs[1].ShardId)], teardown.Checked);
        Assert.Contains($"{specs[1].ShardId}: running (running)", outcome.Note, StringComparison.Ordinal);
        Assert.Equal([specs[1].ShardId], (await scene.Stores.Shards.ListTeardownPendingAsync(Ct)).Select(s => s.ShardId));
    }

    [Fact]
    public async Task A_runner_that_finished_while_its_run_is_under_way_is_released_and_its_shard_waits_for_its_report()
    {
        var (scene, teardown, run) = await DispatchedAsync("sweep-4");
        var specs = scene.Launcher.Launched;
        teardown.Answers[Handle(specs[0].ShardId)] = new RunnerCheck(Finished: true, Failed: false, "exited 0");

        var outcome = await scene.Stages.Runners.SweepAsync(Ct);

        Assert.Equal([(Handle(specs[0].ShardId), "the runner finished: exited 0")], teardown.TornDown);
        Assert.Contains($"{specs[0].ShardId}: released (the runner finished: exited 0)", outcome.Note, StringComparison.Ordinal);
        var released = await ShardAsync(scene, run.RunId, 0);
        Assert.False(released.TeardownPending);
        Assert.NotNull(released.TornDownAt);
        Assert.Equal(ShardStatus.Launched, released.Status); // Its result may still be on its way.
        Assert.True((await ShardAsync(scene, run.RunId, 1)).TeardownPending);

        await scene.Stages.Runners.SweepAsync(Ct);
        Assert.Single(teardown.TornDown);
    }

    [Fact]
    public async Task A_runner_that_failed_is_released_and_its_shard_failed_with_the_providers_reason()
    {
        var (scene, teardown, run) = await DispatchedAsync("sweep-5");
        var specs = scene.Launcher.Launched;
        teardown.Answers[Handle(specs[1].ShardId)] = new RunnerCheck(Finished: true, Failed: true, "exit code 137 (OOMKilled)");

        await scene.Stages.Runners.SweepAsync(Ct);

        Assert.Equal([(Handle(specs[1].ShardId), "the runner finished: exit code 137 (OOMKilled)")], teardown.TornDown);
        var failed = await ShardAsync(scene, run.RunId, 1);
        Assert.Equal(ShardStatus.Failed, failed.Status);
        Assert.Equal("the runner failed: exit code 137 (OOMKilled)", failed.StatusReason);
        Assert.False(failed.TeardownPending);
        Assert.Equal(1, (await scene.Stores.Runs.GetAsync(run.RunId, Ct))!.ShardsFailed);
        Assert.Equal(ShardStatus.Launched, (await ShardAsync(scene, run.RunId, 0)).Status);
    }

    [Fact]
    public async Task A_run_whose_last_outstanding_runner_failed_is_merged_by_the_sweep_without_waiting_for_its_deadline()
    {
        var (scene, teardown, run) = await DispatchedAsync("sweep-5b");
        var specs = scene.Launcher.Launched;
        await scene.ReportAsync(run.RunId, Ct, silent: specs[1].ShardId);
        teardown.Answers[Handle(specs[1].ShardId)] = new RunnerCheck(Finished: true, Failed: true, "image pull failed");

        var swept = await scene.Stages.Runners.SweepAsync(Ct);

        Assert.IsType<EvaluateRun>(Assert.Single(swept.Next));
        await scene.Stores.Bus.SendAsync(swept, Ct);
        await scene.DriveAsync(Ct);
        var merged = await scene.Stores.Runs.GetAsync(run.RunId, Ct);
        Assert.Equal(RunStatus.Reported, merged!.Status);
        Assert.True(scene.Clock.GetUtcNow() < merged.Deadline);
        Assert.Equal((1, 1, 0), (merged.ShardsDone, merged.ShardsFailed, merged.ShardsMissing));
        Assert.Contains("image pull failed", (await ShardAsync(scene, run.RunId, 1)).StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_failure_on_teardown_leaves_the_shard_pending_and_the_next_sweep_releases_it()
    {
        var (scene, teardown, run) = await DispatchedAsync("sweep-6");
        var specs = scene.Launcher.Launched;
        await scene.ReportAsync(run.RunId, Ct);
        teardown.FailTearDownOf.Add(Handle(specs[0].ShardId));

        var failed = await scene.Stages.Runners.SweepAsync(Ct);

        Assert.Contains($"{specs[0].ShardId}: teardown failed, will retry: ARM answered 503", failed.Note, StringComparison.Ordinal);
        Assert.Equal([(Handle(specs[1].ShardId), "its run is Reported")], teardown.TornDown); // The other shard is not held up.
        Assert.Equal([specs[0].ShardId], (await scene.Stores.Shards.ListTeardownPendingAsync(Ct)).Select(s => s.ShardId));
        Assert.Null((await ShardAsync(scene, run.RunId, 0)).TornDownAt);

        teardown.FailTearDownOf.Clear();
        await scene.Stages.Runners.SweepAsync(Ct);

        Assert.Equal([Handle(specs[1].ShardId), Handle(specs[0].ShardId)], teardown.TornDown.Select(t => t.Handle));
        Assert.Empty(await scene.Stores.Shards.ListTeardownPendingAsync(Ct));
    }

    [Fact]
    public async Task A_provider_failure_on_the_check_leaves_the_shard_pending_and_running()
    {
        var (scene, teardown, run) = await DispatchedAsync("sweep-7");
        teardown.FailCheck = true;

        var outcome = await scene.Stages.Runners.SweepAsync(Ct);

        Assert.Equal(2, outcome.Note.Split("teardown failed, will retry").Length - 1);
        Assert.Empty(teardown.TornDown);
        Assert.Equal(2, (await scene.Stores.Shards.ListTeardownPendingAsync(Ct)).Count);
        Assert.All(await scene.Stores.Shards.ListAsync(run.RunId, Ct), s => Assert.Equal(ShardStatus.Launched, s.Status));
    }

    [Fact]
    public async Task A_handle_the_teardown_does_not_own_is_forgotten_without_asking_the_provider()
    {
        var (scene, teardown, run) = await DispatchedAsync("sweep-9");
        var shard = await ShardAsync(scene, run.RunId, 0);
        await scene.Stores.Shards.RecordHandleAsync(run.RunId, shard.ShardId, "pool-agent-7", needsTeardown: true, Ct);

        await scene.Stages.Runners.SweepAsync(Ct);

        Assert.DoesNotContain("pool-agent-7", teardown.Checked);
        Assert.DoesNotContain("pool-agent-7", teardown.TornDown.Select(t => t.Handle));
        var forgotten = await ShardAsync(scene, run.RunId, 0);
        Assert.False(forgotten.TeardownPending);
        Assert.NotNull(forgotten.TornDownAt);
        Assert.True((await ShardAsync(scene, run.RunId, 1)).TeardownPending); // Still running: checked, kept.
    }

    [Fact]
    public async Task A_shard_caught_between_launch_and_record_waits_for_its_run_to_end_then_is_released_by_its_name()
    {
        var teardown = new FakeTeardown();
        var scene = new StageScene(launcher: new RecordingLauncher { Cloud = true }, teardown: teardown);
        var validated = await scene.Stages.Validate.HandleAsync(StageScene.Push("sweep-8"), Ct);
        var planned = await scene.Stages.Plan.HandleAsync((PlanRun)Assert.Single(validated.Next), Ct);
        var runId = Assert.IsType<DispatchRun>(Assert.Single(planned.Next)).RunId;
        var shard = await ShardAsync(scene, runId, 0);
        // Dispatch marked the shard and died before the launch answered.
        Assert.True(await scene.Stores.Shards.MarkLaunchedAsync(runId, shard.ShardId, ShardLaunch.LaunchingPrefix + shard.Location, Ct));

        var waiting = await scene.Stages.Runners.SweepAsync(Ct);
        Assert.Equal($"{shard.ShardId}: launching.", waiting.Note);
        Assert.Empty(teardown.TornDown);
        Assert.Empty(teardown.Checked);

        await scene.Stores.Runs.TransitionAsync(runId, RunStatus.Failed, "dispatch gave up", Ct);
        await scene.Stages.Runners.SweepAsync(Ct);

        Assert.Equal([(Handle(shard.ShardId), "its run is Failed")], teardown.TornDown);
        Assert.Empty(await scene.Stores.Shards.ListTeardownPendingAsync(Ct));
    }

    /// <summary>
    /// A cloud provider in a dictionary: handles are <c>runner-{shard id}</c>, as <see cref="RecordingLauncher"/> answers,
    /// and a launching shard is found by its id (as a container group is by its name). Records every check and
    /// teardown; answers <see cref="Answers"/> (else running) and fails with <see cref="RunnerTeardownException"/> when told.
    /// </summary>
    private sealed class FakeTeardown : IRunnerTeardown
    {
        private readonly List<string> _checked = [];
        private readonly List<(string Handle, string Reason)> _tornDown = [];

        public Dictionary<string, RunnerCheck> Answers { get; } = new(StringComparer.Ordinal);
        public HashSet<string> FailTearDownOf { get; } = new(StringComparer.Ordinal);
        public bool FailCheck { get; set; }

        public IReadOnlyList<string> Checked => _checked;
        public IReadOnlyList<(string Handle, string Reason)> TornDown => _tornDown;

        public string? Resolve(string shardId, string? handle) =>
            handle is null ? null
            : handle.StartsWith(ShardLaunch.LaunchingPrefix, StringComparison.Ordinal) ? Handle(shardId)
            : handle.StartsWith("runner-", StringComparison.Ordinal) ? handle
            : null;

        public Task<RunnerCheck> CheckAsync(string handle, CancellationToken cancellationToken)
        {
            _checked.Add(handle);
            if (FailCheck)
                throw new RunnerTeardownException($"ARM answered 503 for {handle}", new HttpRequestException("503"));
            return Task.FromResult(Answers.GetValueOrDefault(handle) ?? new RunnerCheck(Finished: false, Failed: false, "running"));
        }

        public Task TearDownAsync(string handle, string reason, CancellationToken cancellationToken)
        {
            if (FailTearDownOf.Contains(handle))
                throw new RunnerTeardownException($"ARM answered 503 for {handle}", new HttpRequestException("503"));
            _tornDown.Add((handle, reason));
            return Task.CompletedTask;
        }
    }
}
