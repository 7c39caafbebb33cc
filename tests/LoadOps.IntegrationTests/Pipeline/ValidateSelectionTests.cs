using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline;

/// <summary>Which definitions a request runs: on a pull request only the changed ones; on a push all of them.</summary>
public sealed class ValidateSelectionTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task AddSecondDefinitionAsync(PipelineRig rig)
    {
        var first = await File.ReadAllTextAsync(Path.Combine(rig.Folder, "repo", "loadtests", "smoke.loadtest.yaml"), Ct);
        await File.WriteAllTextAsync(Path.Combine(rig.Folder, "repo", "loadtests", "second.loadtest.yaml"),
            first.Replace($"name: {PipelineRig.TestName}", "name: second", StringComparison.Ordinal), Ct);
    }

    [Fact]
    public async Task A_pull_request_runs_only_the_definitions_in_its_changed_paths()
    {
        await using var rig = await PipelineRig.StartAsync(azurite, doneMessagesPerShard: 1, Ct);
        await AddSecondDefinitionAsync(rig);
        var request = PipelineRig.Request("pr-select") with
        {
            Trigger = RunTrigger.PullRequest, PullRequest = 3, BaseBranch = "main", ChangedPaths = ["loadtests/second.loadtest.yaml", "src/app.cs"],
        };

        var outcome = await rig.Stages.Validate.HandleAsync(request, Ct);

        var plan = Assert.Single(outcome.Next.OfType<PlanRun>());
        Assert.Equal("loadtests/second.loadtest.yaml", plan.DefinitionPath);
        Assert.Null(await rig.Stages.Runs.GetAsync(RunIds.For("pr-select", PipelineRig.TestName), Ct));
        Assert.Equal("main", (await rig.Stages.Runs.GetAsync(plan.RunId, Ct))?.PolicyRef);
    }

    [Fact]
    public async Task A_pull_request_that_changes_no_definition_runs_nothing_and_a_push_runs_all()
    {
        await using var rig = await PipelineRig.StartAsync(azurite, doneMessagesPerShard: 1, Ct);
        await AddSecondDefinitionAsync(rig);
        var pullRequest = PipelineRig.Request("pr-none") with { Trigger = RunTrigger.PullRequest, PullRequest = 4, BaseBranch = "main", ChangedPaths = ["README.md"] };

        var none = await rig.Stages.Validate.HandleAsync(pullRequest, Ct);
        var push = await rig.Stages.Validate.HandleAsync(PipelineRig.Request("push-all") with { ChangedPaths = ["README.md"] }, Ct);

        Assert.Empty(none.Next);
        Assert.Contains("changes no definition", none.Note, StringComparison.Ordinal);
        Assert.Equal(2, push.Next.OfType<PlanRun>().Count());
    }
}
