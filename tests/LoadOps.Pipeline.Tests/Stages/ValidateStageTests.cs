using LoadOps.Core.Pipeline;
using LoadOps.Pipeline.Tests.Scene;

namespace LoadOps.Pipeline.Tests.Stages;

/// <summary>Validate in memory: which definitions run, which fail at once, and what a fork's pull request waits for.</summary>
public sealed class ValidateStageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_valid_definition_makes_a_validating_run_and_asks_for_its_plan()
    {
        var scene = new StageScene();

        var outcome = await scene.Stages.Validate.HandleAsync(StageScene.Push("v-1"), Ct);

        var run = await scene.Stores.Runs.GetAsync(StageScene.RunIdOf("v-1"), Ct);
        Assert.Equal(RunStatus.Validating, run!.Status);
        Assert.Equal(StageScene.Repository, run.Repo);
        var plan = Assert.IsType<PlanRun>(Assert.Single(outcome.Next));
        Assert.Equal(run.RunId, plan.RunId);
        Assert.Equal(StageScene.DefinitionPath, plan.DefinitionPath);
        Assert.Equal(run.DefinitionHash, plan.DefinitionHash);
    }

    [Fact]
    public async Task An_invalid_definition_fails_its_run_at_once_with_the_located_error_and_posts_the_validate_check()
    {
        var scene = new StageScene(StageScene.Definition(thresholds: "- \"p95 < fast\""));

        var outcome = await scene.Stages.Validate.HandleAsync(StageScene.Push("v-2"), Ct);

        Assert.Empty(outcome.Next);
        var run = await scene.Stores.Runs.GetAsync(StageScene.RunIdOf("v-2"), Ct);
        Assert.Equal(RunStatus.Failed, run!.Status);
        Assert.StartsWith(ValidateStage.InvalidDefinitionReason, run.StatusReason, StringComparison.Ordinal);
        Assert.Contains(StageScene.DefinitionPath, run.StatusReason, StringComparison.Ordinal);
        Assert.Equal(["invalid:v-2"], scene.Publisher.Posts);
    }

    [Fact]
    public async Task A_request_for_a_test_no_definition_has_fails_a_run_at_the_id_a_gate_polls()
    {
        var scene = new StageScene();

        await scene.Stages.Validate.HandleAsync(StageScene.Push("v-3") with { TestName = "no-such-test" }, Ct);

        var run = await scene.Stores.Runs.GetAsync(RunIds.For("v-3", "no-such-test"), Ct);
        Assert.Equal(RunStatus.Failed, run!.Status);
        Assert.StartsWith(ValidateStage.UnknownTestReason, run.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pull_request_runs_only_the_definitions_it_changes()
    {
        var scene = new StageScene();
        scene.Files.Put("loadtests/search.loadtest.yaml", StageScene.Definition().Replace($"name: {StageScene.TestName}", "name: search", StringComparison.Ordinal));
        var request = StageScene.Push("v-4", branch: "feature") with
        {
            Trigger = RunTrigger.PullRequest, PullRequest = 7, BaseBranch = "main", ChangedPaths = ["loadtests/search.loadtest.yaml", "src/app.cs"],
        };

        var outcome = await scene.Stages.Validate.HandleAsync(request, Ct);

        var plan = Assert.IsType<PlanRun>(Assert.Single(outcome.Next));
        Assert.Equal("loadtests/search.loadtest.yaml", plan.DefinitionPath);
        Assert.Null(await scene.Stores.Runs.GetAsync(StageScene.RunIdOf("v-4"), Ct));
    }

    [Fact]
    public async Task A_redelivered_request_makes_no_second_run_and_only_resends_the_plan_of_a_run_still_validating()
    {
        var scene = new StageScene();
        await scene.Stages.Validate.HandleAsync(StageScene.Push("v-5"), Ct);

        var again = await scene.Stages.Validate.HandleAsync(StageScene.Push("v-5"), Ct);
        Assert.IsType<PlanRun>(Assert.Single(again.Next));

        await scene.Stores.Runs.TransitionAsync(StageScene.RunIdOf("v-5"), RunStatus.Dispatched, "launched", Ct);
        var late = await scene.Stages.Validate.HandleAsync(StageScene.Push("v-5"), Ct);
        Assert.Empty(late.Next);
        Assert.Single(await scene.Stores.Runs.ListByRequestAsync("v-5", Ct));
    }

    [Fact]
    public async Task A_fork_pull_request_waits_for_approval_and_the_approval_starts_that_very_request()
    {
        var scene = new StageScene();
        var fork = StageScene.Push("fork-1", branch: "contributor") with { Trigger = RunTrigger.PullRequest, PullRequest = 9, BaseBranch = "main", FromFork = true };

        var held = await scene.Stages.Validate.HandleAsync(fork, Ct);
        Assert.Empty(held.Next);
        Assert.Equal(RunStatus.AwaitingApproval, (await scene.Stores.Runs.GetAsync(StageScene.RunIdOf("fork-1"), Ct))!.Status);
        Assert.NotNull(await scene.Stores.Approvals.GetAsync(StageScene.Repository, 9, Ct));

        var approval = fork with { RequestId = "label-1", ApprovedBy = "maintainer" };
        var started = await scene.Stages.Validate.HandleAsync(approval, Ct);

        var plan = Assert.IsType<PlanRun>(Assert.Single(started.Next));
        Assert.Equal(StageScene.RunIdOf("fork-1"), plan.RunId);
        Assert.Equal(RunStatus.Validating, (await scene.Stores.Runs.GetAsync(StageScene.RunIdOf("fork-1"), Ct))!.Status);
    }
}
