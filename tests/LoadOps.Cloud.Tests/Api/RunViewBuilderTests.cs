using LoadOps.Cloud.Api;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Regression;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Tests.Api;

public sealed class RunViewBuilderTests
{
    [Theory]
    [InlineData(RunVerdict.Pass, RunOutcome.Pass)]
    [InlineData(RunVerdict.Improvement, RunOutcome.Pass)]
    [InlineData(RunVerdict.Fail, RunOutcome.Fail)]
    [InlineData(RunVerdict.Regression, RunOutcome.Fail)]
    [InlineData(RunVerdict.Inconclusive, RunOutcome.Inconclusive)]
    public void A_reported_run_takes_its_outcome_from_the_verdict(RunVerdict verdict, RunOutcome outcome) =>
        Assert.Equal(outcome, RunViewBuilder.OutcomeOf(ApiRuns.Run("r", RunStatus.Reported), ApiRuns.Evaluation(verdict)));

    [Theory]
    [InlineData(RunStatus.Failed, ValidateStage.InvalidDefinitionReason + ": loadtests/x.loadtest.yaml:3:1 ...", RunOutcome.Invalid)]
    [InlineData(RunStatus.Failed, ValidateStage.UnknownTestReason + " 'x' under loadtests/", RunOutcome.Invalid)]
    [InlineData(RunStatus.Failed, "no shard could start", RunOutcome.Incomplete)]
    [InlineData(RunStatus.TimedOut, null, RunOutcome.Incomplete)]
    [InlineData(RunStatus.Collecting, null, RunOutcome.Pending)]
    public void A_run_without_verdict_is_pending_invalid_or_incomplete(RunStatus status, string? reason, RunOutcome outcome) =>
        Assert.Equal(outcome, RunViewBuilder.OutcomeOf(ApiRuns.Run("r", status, reason: reason), null));

    [Fact]
    public void The_p95_delta_is_the_whole_runs_not_a_steps()
    {
        Assert.Equal(-12.3, RunViewBuilder.P95DeltaPercent(ApiRuns.Evaluation(RunVerdict.Pass, p95Change: -0.1234)));
    }

    [Fact]
    public void Without_baseline_runs_there_is_no_p95_delta()
    {
        var evaluation = ApiRuns.Evaluation(RunVerdict.Inconclusive) with
        {
            Regression = new RegressionReport(Verdict.Inconclusive, 0,
                [new MetricComparison(null, null, Core.Definitions.Metric.P95, new MetricTest(0, double.NaN, 120, double.NaN, double.NaN, double.NaN, double.NaN), 1, Verdict.Inconclusive, "none")], []),
        };
        Assert.Null(RunViewBuilder.P95DeltaPercent(evaluation));
        Assert.Null(RunViewBuilder.P95DeltaPercent(evaluation with { Regression = null }));
    }

    [Fact]
    public void Run_ids_are_escaped_in_urls() =>
        Assert.Equal("https://x.example/api/runs/a%20b", RunViewBuilder.RunUrl("https://x.example/", "a b"));
}
