using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline.Tests.Scene;

namespace LoadOps.Pipeline.Tests.Stages;

/// <summary>Evaluate in memory: thresholds, the baseline of earlier main runs, and runs it cannot judge.</summary>
public sealed class EvaluateStageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Runs the scene's test to its report once per latency, ten minutes apart, newest last.</summary>
    private static async Task<List<RunRecord>> RunsAsync(StageScene scene, string prefix, params double[] latenciesMs)
    {
        var runs = new List<RunRecord>();
        for (var i = 0; i < latenciesMs.Length; i++)
        {
            runs.Add(await scene.CompleteRunAsync($"{prefix}-{i}", latenciesMs[i], Ct));
            scene.Clock.Advance(TimeSpan.FromMinutes(10));
        }
        return runs;
    }

    private static async Task<RunEvaluation> EvaluationOfAsync(StageScene scene, RunRecord run) =>
        await scene.Stores.Documents.ReadEvaluationAsync(run.RunId, Ct) ?? throw new InvalidOperationException($"Run {run.RunId} has no evaluation.");

    [Fact]
    public async Task A_run_over_its_error_threshold_fails_and_the_failed_threshold_is_named()
    {
        var scene = new StageScene();
        var run = await scene.RequestAsync(StageScene.Push("e-1"), Ct);

        await scene.ReportAsync(run.RunId, Ct, failedPerInterval: 20);

        var evaluation = await EvaluationOfAsync(scene, run);
        Assert.Equal(RunVerdict.Fail, evaluation.Verdict);
        Assert.Contains(evaluation.Thresholds, t => t.Threshold.Text.Contains("errors", StringComparison.Ordinal) && !t.Passed);
        Assert.Equal(RunStatus.Reported, (await scene.Stores.Runs.GetAsync(run.RunId, Ct))!.Status);
    }

    [Fact]
    public async Task A_run_as_fast_as_three_steady_main_runs_passes_against_them()
    {
        var scene = new StageScene();
        var runs = await RunsAsync(scene, "steady", 20, 20.4, 19.8, 20.2);

        var evaluation = await EvaluationOfAsync(scene, runs[^1]);

        Assert.Equal(RunVerdict.Pass, evaluation.Verdict);
        Assert.Equal(3, evaluation.Baseline.Count);
    }

    [Fact]
    public async Task A_run_three_times_as_slow_as_its_baseline_is_a_regression()
    {
        // Three baseline runs leave two degrees of freedom: the smallest change they can show is about +159%.
        var scene = new StageScene();
        var runs = await RunsAsync(scene, "slow", 20, 20.4, 19.8, 60);

        var evaluation = await EvaluationOfAsync(scene, runs[^1]);

        Assert.Equal(RunVerdict.Regression, evaluation.Verdict);
        Assert.NotNull(evaluation.Regression);
    }

    /// <summary>What docs/definitions.md says each baseline size can show on a steady service (runs within ±1%).</summary>
    [Theory]
    [InlineData(3, 1.2, 2.0)]
    [InlineData(5, 0.15, 0.35)]
    [InlineData(10, 0.05, 0.15)]
    public async Task The_smallest_p95_change_a_baseline_can_show_shrinks_with_its_runs(int baselineRuns, double atLeast, double atMost)
    {
        var scene = new StageScene(StageScene.Definition().Replace("runs: 3", $"runs: {baselineRuns}", StringComparison.Ordinal));
        double[] levels = [20, 20.4, 19.8, 20.2, 19.9, 20.3, 20.1, 19.7, 20.2, 20.0];
        var runs = await RunsAsync(scene, "steady", [.. levels.Take(baselineRuns), 20.1]);

        var evaluation = await EvaluationOfAsync(scene, runs[^1]);

        Assert.Equal(RunVerdict.Pass, evaluation.Verdict);
        var p95 = evaluation.Regression!.Comparisons.Single(c => c.Step is null && c.Metric == Core.Definitions.Metric.P95);
        Assert.InRange(p95.DetectableChange, atLeast, atMost);
    }

    [Fact]
    public async Task Runs_of_another_definition_text_are_not_its_baseline()
    {
        var scene = new StageScene();
        await RunsAsync(scene, "old", 20, 20, 20);
        scene.Files.Put(StageScene.DefinitionPath, StageScene.Definition(thresholds: "- \"errors < 6%\""));

        var runs = await RunsAsync(scene, "new", 40);

        Assert.Empty((await EvaluationOfAsync(scene, runs[0])).Baseline);
    }

    [Fact]
    public async Task A_run_whose_merged_result_is_missing_fails_instead_of_being_judged()
    {
        var scene = new StageScene();
        var run = await scene.RequestAsync(StageScene.Push("e-2"), Ct);
        await scene.Stores.Runs.TransitionAsync(run.RunId, RunStatus.Running, null, Ct);
        await scene.Stores.Runs.TransitionAsync(run.RunId, RunStatus.Collecting, null, Ct);
        await scene.Stores.Runs.TransitionAsync(run.RunId, RunStatus.Evaluating, null, Ct);

        var outcome = await scene.Stages.Evaluate.HandleAsync(new EvaluateRun(run.RunId), Ct);

        Assert.Empty(outcome.Next);
        var stored = await scene.Stores.Runs.GetAsync(run.RunId, Ct);
        Assert.Equal(RunStatus.Failed, stored!.Status);
        Assert.Equal("The merged result or the plan of the run is missing.", stored.StatusReason);
        Assert.Contains($"failed:{run.RunId}", scene.Publisher.Posts);
    }

    [Fact]
    public async Task An_evaluate_message_for_a_run_not_evaluating_changes_nothing()
    {
        var scene = new StageScene();
        var run = await scene.RequestAsync(StageScene.Push("e-3"), Ct);

        var outcome = await scene.Stages.Evaluate.HandleAsync(new EvaluateRun(run.RunId), Ct);

        Assert.Empty(outcome.Next);
        Assert.Null(await scene.Stores.Documents.ReadEvaluationAsync(run.RunId, Ct));
        Assert.Equal(RunStatus.Dispatched, (await scene.Stores.Runs.GetAsync(run.RunId, Ct))!.Status);
    }
}
