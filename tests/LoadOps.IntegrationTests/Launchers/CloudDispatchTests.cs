using LoadOps.Cloud.Storage;
using LoadOps.Cloud.Tests.Aci;
using LoadOps.Core.Definitions;
using LoadOps.IntegrationTests.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Launchers;

/// <summary>Dispatch through the location launcher to a stub ARM and a stub ECS, and the runner sweep afterwards.</summary>
public sealed class CloudDispatchTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dispatch_starts_a_group_per_azure_shard_and_ecs_tasks_in_batches_of_ten_with_their_specs_queued()
    {
        await using var rig = await LauncherRig.StartAsync(azurite, Ct);
        var runId = TestRuns.NewRunId();
        await rig.PlanRunAsync(runId, Ct, null, new RunnerSpec("azure/westeurope", 2), new RunnerSpec("aws/us-east-1", 12));

        await rig.DispatchAsync(runId, Ct);

        Assert.Equal(2, rig.Cloud.Groups.Count);
        Assert.Equal([10, 2], rig.Cloud.RunTaskCounts);
        Assert.Equal(12, await rig.QueuedSpecsAsync("aws/us-east-1", Ct));
        var shards = await rig.Shards.ListAsync(runId, Ct);
        Assert.All(shards, s => Assert.True(s.TeardownPending));
        Assert.All(shards.Take(2), s => Assert.StartsWith("aci:/subscriptions/sub-1/", s.LauncherHandle, StringComparison.Ordinal));
        Assert.All(shards.Skip(2), s => Assert.StartsWith("ecs:us-east-1:arn:aws:ecs:", s.LauncherHandle, StringComparison.Ordinal));
        Assert.Equal(12, shards.Skip(2).Select(s => s.LauncherHandle).Distinct().Count());
        Assert.Equal(RunStatus.Dispatched, (await rig.Runs.GetAsync(runId, Ct))!.Status);
    }

    [Fact]
    public async Task An_ecs_answer_of_200_with_failures_fails_the_shards_without_a_task_and_queues_only_the_started_ones()
    {
        await using var rig = await LauncherRig.StartAsync(azurite, Ct);
        rig.Cloud.RefuseTasks = 2;
        var runId = TestRuns.NewRunId();
        await rig.PlanRunAsync(runId, Ct, null, new RunnerSpec("aws/us-east-1", 5));

        var outcome = await rig.DispatchAsync(runId, Ct);

        var shards = await rig.Shards.ListAsync(runId, Ct);
        Assert.Equal(3, shards.Count(s => s.Status == ShardStatus.Launched));
        var failed = shards.Where(s => s.Status == ShardStatus.Failed).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, s => Assert.Contains("ECS started 3 of 5 runner tasks in us-east-1: RESOURCE:MEMORY (no capacity)", s.StatusReason, StringComparison.Ordinal));
        Assert.Equal(3, await rig.QueuedSpecsAsync("aws/us-east-1", Ct));
        Assert.Contains("refused", outcome.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_killed_mid_way_has_every_container_group_deleted_and_every_task_stopped_by_the_sweep()
    {
        await using var rig = await LauncherRig.StartAsync(azurite, Ct);
        var runId = TestRuns.NewRunId();
        await rig.PlanRunAsync(runId, Ct, null, new RunnerSpec("azure/westeurope", 3), new RunnerSpec("aws/us-east-1", 4));
        await rig.DispatchAsync(runId, Ct);

        var whileRunning = await rig.Sweep.SweepAsync(Ct);
        Assert.Equal(3, rig.Cloud.Groups.Count);
        Assert.Empty(rig.Cloud.Stopped);
        Assert.Contains("running", whileRunning.Note, StringComparison.Ordinal);

        // The pipeline dies: the run is failed while the stub still says every runner is running.
        await rig.Runs.TransitionAsync(runId, RunStatus.Failed, "the host was killed mid-run", Ct);
        var swept = await rig.Sweep.SweepAsync(Ct);

        Assert.Empty(rig.Cloud.Groups);
        var handles = (await rig.Shards.ListAsync(runId, Ct)).Select(s => s.LauncherHandle!).ToList();
        var arns = handles.Where(h => h.StartsWith("ecs:", StringComparison.Ordinal)).Select(h => h["ecs:us-east-1:".Length..]).Order(StringComparer.Ordinal);
        Assert.Equal(arns, rig.Cloud.Stopped.Order(StringComparer.Ordinal));
        Assert.All(await rig.Shards.ListAsync(runId, Ct), s => Assert.False(s.TeardownPending));
        Assert.Contains("its run is Failed", swept.Note, StringComparison.Ordinal);
        Assert.Equal("No cloud runner to release.", (await rig.Sweep.SweepAsync(Ct)).Note);
    }

    [Fact]
    public async Task Shards_that_went_missing_at_the_deadline_have_their_runners_released()
    {
        await using var rig = await LauncherRig.StartAsync(azurite, Ct);
        var runId = TestRuns.NewRunId();
        await rig.PlanRunAsync(runId, Ct, DateTimeOffset.UtcNow.AddHours(1), new RunnerSpec("azure/westeurope", 2), new RunnerSpec("aws/us-east-1", 1));
        await rig.DispatchAsync(runId, Ct);

        var run = await rig.Runs.GetAsync(runId, Ct);
        var missing = await rig.Shards.MarkMissingAfterDeadlineAsync(run!, run!.Deadline!.Value.AddSeconds(1), Ct);
        await rig.Sweep.SweepAsync(Ct);

        Assert.Equal(3, missing.MissingShardIds.Count);
        Assert.Empty(rig.Cloud.Groups);
        Assert.Single(rig.Cloud.Stopped);
    }

    [Fact]
    public async Task A_runner_that_exited_with_an_error_fails_its_shard_and_its_group_is_deleted()
    {
        await using var rig = await LauncherRig.StartAsync(azurite, Ct);
        var runId = TestRuns.NewRunId();
        await rig.PlanRunAsync(runId, Ct, null, new RunnerSpec("azure/westeurope", 1));
        await rig.DispatchAsync(runId, Ct);
        rig.Cloud.GroupState = "Failed";
        rig.Cloud.GroupExitCode = 2;

        await rig.Sweep.SweepAsync(Ct);

        var shard = Assert.Single(await rig.Shards.ListAsync(runId, Ct));
        Assert.Equal(ShardStatus.Failed, shard.Status);
        Assert.Contains("exit code 2", shard.StatusReason, StringComparison.Ordinal);
        Assert.Empty(rig.Cloud.Groups);
    }

    [Fact]
    public async Task A_group_started_by_a_dispatch_that_died_before_recording_its_handle_is_still_deleted()
    {
        await using var rig = await LauncherRig.StartAsync(azurite, Ct);
        var runId = TestRuns.NewRunId();
        var plan = await rig.PlanRunAsync(runId, Ct, null, new RunnerSpec("azure/westeurope", 1));
        var spec = plan.Shards[0];
        // What dispatch does before it dies: mark the shard, start the group, and never record the handle.
        Assert.True(await rig.Shards.MarkLaunchedAsync(runId, spec.ShardId, "launching:azure/westeurope", Ct));
        await rig.Aci.LaunchAsync(AciTestSpecs.Work(spec), "westeurope", Ct);

        Assert.Contains("launching", (await rig.Sweep.SweepAsync(Ct)).Note, StringComparison.Ordinal);
        Assert.Single(rig.Cloud.Groups);

        await rig.Runs.TransitionAsync(runId, RunStatus.Failed, "dispatch died", Ct);
        await rig.Sweep.SweepAsync(Ct);

        Assert.Empty(rig.Cloud.Groups);
        Assert.False((await rig.Shards.GetAsync(runId, spec.ShardId, Ct))!.TeardownPending);
    }
}
