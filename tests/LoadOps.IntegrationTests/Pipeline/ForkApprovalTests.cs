using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline;

/// <summary>A fork's pull request waits for approval in the runs table, and the approval starts those very runs.</summary>
public sealed class ForkApprovalTests(AzuriteFixture azurite)
{
    private const string Commit = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private const string NewerCommit = "7ecb09b5b57875f334f61aebed695e2e4193db5e";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fork_waits_with_a_reason_and_the_approval_moves_the_same_run_on_to_planning()
    {
        using var rig = await ValidateRig.StartAsync(azurite, Ct);
        var runId = RunIds.For("d-opened", ValidateRig.TestName);

        var held = await rig.Stages.Validate.HandleAsync(ValidateRig.ForkRequest("d-opened", Commit), Ct);
        var again = await rig.Stages.Validate.HandleAsync(ValidateRig.ForkRequest("d-opened", Commit), Ct);

        Assert.Empty(held.Next);
        Assert.Empty(again.Next);
        var waiting = await rig.Stages.Runs.GetAsync(runId, Ct);
        Assert.Equal(RunStatus.AwaitingApproval, waiting?.Status);
        Assert.Contains("`loadops:approved`", waiting?.StatusReason, StringComparison.Ordinal);
        Assert.Contains("`/loadtest approve`", waiting?.StatusReason, StringComparison.Ordinal);
        Assert.Contains("write access to octo-org/shop", waiting?.StatusReason, StringComparison.Ordinal);

        var approved = await rig.Stages.Validate.HandleAsync(ValidateRig.Approval(Commit), Ct);

        var plan = Assert.IsType<PlanRun>(Assert.Single(approved.Next));
        Assert.Equal(runId, plan.RunId);
        var started = await rig.Stages.Runs.GetAsync(runId, Ct);
        Assert.Equal(RunStatus.Validating, started?.Status);
        Assert.Contains("maintainer-mia", started?.StatusReason, StringComparison.Ordinal);

        // The same approval message again (queue redelivery) still points at the same run and creates no other.
        var duplicate = await rig.Stages.Validate.HandleAsync(ValidateRig.Approval(Commit), Ct);
        Assert.All(duplicate.Next, m => Assert.Equal(runId, Assert.IsType<PlanRun>(m).RunId));
        Assert.Null(await rig.Stages.Runs.GetAsync(RunIds.For(ValidateRig.Approval(Commit).RequestId, ValidateRig.TestName), Ct));

        // A later /loadtest run by a maintainer is a new run.
        var rerun = await rig.Stages.Validate.HandleAsync(ValidateRig.ForkRequest("d-rerun", Commit) with { ApprovedBy = "mia", Trigger = RunTrigger.Comment }, Ct);
        Assert.Equal(RunIds.For("d-rerun", ValidateRig.TestName), Assert.IsType<PlanRun>(Assert.Single(rerun.Next)).RunId);
    }

    [Fact]
    public async Task A_new_commit_supersedes_the_waiting_one()
    {
        using var rig = await ValidateRig.StartAsync(azurite, Ct);
        await rig.Stages.Validate.HandleAsync(ValidateRig.ForkRequest("d-1", Commit), Ct);

        await rig.Stages.Validate.HandleAsync(ValidateRig.ForkRequest("d-2", NewerCommit), Ct);

        var old = await rig.Stages.Runs.GetAsync(RunIds.For("d-1", ValidateRig.TestName), Ct);
        Assert.Equal(RunStatus.Failed, old?.Status);
        Assert.Contains($"moved on to commit {NewerCommit}", old?.StatusReason, StringComparison.Ordinal);
        Assert.Equal(RunStatus.AwaitingApproval, (await rig.Stages.Runs.GetAsync(RunIds.For("d-2", ValidateRig.TestName), Ct))?.Status);

        // Approving the old commit no longer moves the new commit's run.
        var late = await rig.Stages.Validate.HandleAsync(ValidateRig.Approval(Commit), Ct);
        Assert.Equal(RunIds.For(ValidateRig.Approval(Commit).RequestId, ValidateRig.TestName), Assert.IsType<PlanRun>(Assert.Single(late.Next)).RunId);
        Assert.Equal(RunStatus.AwaitingApproval, (await rig.Stages.Runs.GetAsync(RunIds.For("d-2", ValidateRig.TestName), Ct))?.Status);
    }

    [Fact]
    public async Task An_approval_processed_before_the_fork_event_starts_once()
    {
        using var rig = await ValidateRig.StartAsync(azurite, Ct);

        var approved = await rig.Stages.Validate.HandleAsync(ValidateRig.Approval(Commit), Ct);
        var late = await rig.Stages.Validate.HandleAsync(ValidateRig.ForkRequest("d-late", Commit), Ct);

        Assert.Single(approved.Next);
        Assert.Empty(late.Next);
        Assert.Contains("already approved by maintainer-mia", late.Note, StringComparison.Ordinal);
        Assert.Null(await rig.Stages.Runs.GetAsync(RunIds.For("d-late", ValidateRig.TestName), Ct));
    }

    [Fact]
    public async Task A_run_over_the_repository_runner_cap_is_refused_naming_the_cap_and_the_usage()
    {
        using var rig = await ValidateRig.StartAsync(azurite, Ct, runners: 2, policy: "maxConcurrentRunners: 3\n");

        var first = await rig.Stages.Validate.HandleAsync(ValidateRig.Push("d-first"), Ct);
        var second = await rig.Stages.Validate.HandleAsync(ValidateRig.Push("d-second"), Ct);

        Assert.Single(first.Next);
        Assert.Empty(second.Next);
        var refused = await rig.Stages.Runs.GetAsync(RunIds.For("d-second", ValidateRig.TestName), Ct);
        Assert.Equal(RunStatus.Failed, refused?.Status);
        Assert.Contains("maxConcurrentRunners 3", refused?.StatusReason, StringComparison.Ordinal);
        Assert.Contains("1 run of octo-org/shop going on use 10 requests/s, 0 users and 2 runners", refused?.StatusReason, StringComparison.Ordinal);

        // Once the first run is over its runners are free again.
        await rig.Stages.Runs.TransitionAsync(RunIds.For("d-first", ValidateRig.TestName), RunStatus.Failed, "test over", Ct);
        Assert.Single((await rig.Stages.Validate.HandleAsync(ValidateRig.Push("d-third"), Ct)).Next);
    }
}
