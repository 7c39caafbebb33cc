using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline.Tests.Scene;

namespace LoadOps.Pipeline.Tests.Stages;

/// <summary>Report in memory: the rendered files, the baseline entry a reported run leaves, and what is published.</summary>
public sealed class ReportStageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reported_run_keeps_every_report_file_adds_itself_to_the_baseline_and_publishes_the_markdown()
    {
        var scene = new StageScene();

        var run = await scene.CompleteRunAsync("r-1", 20, Ct);

        Assert.Equal(RunStatus.Reported, run.Status);
        Assert.Equal(scene.Artifacts.ReportNames(), run.ReportBlobNames.Order(StringComparer.Ordinal));
        Assert.Contains(run.ReportBlobNames, n => n.EndsWith(".md", StringComparison.Ordinal));
        await using (var markdown = await scene.Stores.Results.OpenReportAsync(run.ReportBlobNames.First(n => n.EndsWith(".md", StringComparison.Ordinal)), Ct))
        {
            var text = await new StreamReader(markdown!).ReadToEndAsync(Ct);
            Assert.Contains(StageScene.TestName, text, StringComparison.Ordinal);
            Assert.Equal(text, Assert.Single(scene.Publisher.Reports).Markdown);
        }
        var entry = Assert.Single(await scene.Stores.Baselines.GetRecentAsync(StageScene.TestName, "main", 5, Ct));
        Assert.Equal(run.RunId, entry.RunId);
        Assert.Equal(20, entry.Metrics["p95"], 0.5);
    }

    [Fact]
    public async Task A_run_on_a_feature_branch_is_kept_under_its_own_branch_not_mains()
    {
        var scene = new StageScene();

        await scene.CompleteRunAsync("r-2", 20, Ct, branch: "feature/cache");

        Assert.Empty(await scene.Stores.Baselines.GetRecentAsync(StageScene.TestName, "main", 5, Ct));
        Assert.Single(await scene.Stores.Baselines.GetRecentAsync(StageScene.TestName, "feature/cache", 5, Ct));
    }

    [Fact]
    public async Task A_report_message_delivered_again_after_the_report_posts_nothing_twice()
    {
        var scene = new StageScene();
        var run = await scene.CompleteRunAsync("r-3", 20, Ct);

        var again = await scene.Stages.Report.HandleAsync(new ReportRun(run.RunId), Ct);

        Assert.Contains("nothing to report", again.Note, StringComparison.Ordinal);
        Assert.Single(scene.Publisher.Reports);
    }

    [Fact]
    public async Task A_run_whose_evaluation_is_missing_fails_and_its_check_run_is_closed()
    {
        var scene = new StageScene();
        var run = await scene.RequestAsync(StageScene.Push("r-4"), Ct);
        await scene.Stores.Runs.TransitionAsync(run.RunId, RunStatus.Running, null, Ct);
        await scene.Stores.Runs.TransitionAsync(run.RunId, RunStatus.Collecting, null, Ct);
        await scene.Stores.Runs.TransitionAsync(run.RunId, RunStatus.Evaluating, null, Ct, r => r with { ResultBlobName = "runs/x/result.json" });

        await scene.Stages.Report.HandleAsync(new ReportRun(run.RunId), Ct);

        var stored = await scene.Stores.Runs.GetAsync(run.RunId, Ct);
        Assert.Equal(RunStatus.Failed, stored!.Status);
        Assert.Contains($"failed:{run.RunId}", scene.Publisher.Posts);
        Assert.Empty(scene.Publisher.Reports);
    }

    [Fact]
    public async Task The_verdict_and_headline_become_the_reported_runs_reason()
    {
        var scene = new StageScene();

        var run = await scene.CompleteRunAsync("r-5", 20, Ct);

        var evaluation = await scene.Stores.Documents.ReadEvaluationAsync(run.RunId, Ct);
        Assert.Equal($"{evaluation!.Verdict}: {evaluation.Headline}", run.StatusReason);
        Assert.NotEqual(RunVerdict.Fail, evaluation.Verdict);
    }
}
