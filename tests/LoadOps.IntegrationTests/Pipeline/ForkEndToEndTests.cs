using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Webhooks;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline;

/// <summary>A fork's pull request through the queues: it waits, and after the approval it runs to a report.</summary>
public sealed class ForkEndToEndTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fork_runs_only_after_approval_and_then_to_a_report()
    {
        await using var rig = await PipelineRig.StartAsync(azurite, doneMessagesPerShard: 1, Ct);
        var fork = PipelineRig.Request("d-fork") with { Trigger = RunTrigger.PullRequest, PullRequest = 42, FromFork = true, Branch = "cache-products" };
        var runId = RunIds.For("d-fork", PipelineRig.TestName);

        await rig.Stages.Sender.SendAsync(fork, Ct);
        for (var i = 0; i < 3; i++)
            await rig.Pump.PumpOnceAsync(Ct);

        Assert.Equal(RunStatus.AwaitingApproval, (await rig.Stages.Runs.GetAsync(runId, Ct))?.Status);
        Assert.Equal(0, rig.Launcher.Launched);

        await rig.Stages.Sender.SendAsync(fork with
        {
            RequestId = PullRequestCommandRules.ApprovalRequestId(fork.Repository, 42, fork.Commit),
            ApprovedBy = "maintainer-mia",
        }, Ct);
        var run = await rig.PumpUntilTerminalAsync(runId, Ct);

        Assert.True(run.Status == RunStatus.Reported, $"{run.Status}: {run.StatusReason}");
        Assert.Equal(2, rig.Launcher.Launched);
    }
}
