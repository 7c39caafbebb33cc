using LoadOps.Core.Definitions;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Planning;
using LoadOps.Core.Regression;
using LoadOps.Core.Serialization;

namespace LoadOps.Core.Tests.Serialization;

/// <summary>Every file LoadOps writes must read back: a shard spec handed to a runner, an evaluation kept beside a result.</summary>
public sealed class LoadOpsJsonTests
{
    private static LoadTestDefinition Definition()
    {
        Assert.True(ThresholdParser.TryParse("p95 < 300ms", out var expression, out _));
        return new LoadTestDefinition
        {
            Name = "checkout",
            Target = new TargetSpec { BaseUrl = "http://127.0.0.1:5080" },
            Load = new LoadSpec { Model = LoadModel.Open, Stages = [new StageSpec(TimeSpan.FromSeconds(10), 5)] },
            Scenarios = [new ScenarioSpec("main", 1, [new StepSpec { Name = "home", Method = "GET", Path = "/" }])],
            Thresholds = [new ThresholdSpec(null, expression!, "p95 < 300ms"), new ThresholdSpec("home", expression!, "p95 < 300ms")],
        };
    }

    [Fact]
    public void A_shard_spec_with_run_wide_thresholds_round_trips()
    {
        var plan = RunPlanner.Plan(Definition(), "hash", new RunIdentity("r1"), DateTimeOffset.UnixEpoch);

        var read = LoadOpsJson.Deserialize<ShardSpec>(LoadOpsJson.Serialize(plan.Shards[0]));

        Assert.Equal([null, "home"], read.Definition.Thresholds.Select(t => t.Step));
        Assert.Equal(plan.Shards[0].StartAt, read.StartAt);
    }

    [Fact]
    public void An_evaluation_with_run_wide_comparisons_and_nan_round_trips()
    {
        var comparison = new MetricComparison(null, null, Metric.P95, new MetricTest(3, 1, 2, 1, 0.01, double.NaN, 2), 0.02, Verdict.Pass, "ok");
        var evaluation = new RunEvaluation
        {
            Verdict = RunVerdict.Pass,
            Headline = "h",
            Regression = new RegressionReport(Verdict.Pass, 3, [comparison], []),
        };

        var read = LoadOpsJson.Deserialize<RunEvaluation>(LoadOpsJson.Serialize(evaluation));

        var back = Assert.Single(read.Regression!.Comparisons);
        Assert.Null(back.Step);
        Assert.True(double.IsNaN(back.Test.Noise));
        Assert.True(double.IsNaN(back.DetectableChange));
    }
}
