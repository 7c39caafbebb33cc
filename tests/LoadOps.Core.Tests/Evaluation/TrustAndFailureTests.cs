using LoadOps.Core.Evaluation;
using LoadOps.Core.Results;

namespace LoadOps.Core.Tests.Evaluation;

/// <summary>Trust before verdict, and a run whose requests all failed never passes.</summary>
public sealed class TrustAndFailureTests
{
    [Fact]
    public void Every_request_failing_fails_the_run_even_without_thresholds()
    {
        // The bug this pins: 100% errors with no thresholds read "PASS: no thresholds set".
        var (run, summary) = AllFailed();
        var evaluation = RunEvaluator.Evaluate(run, summary, EvaluatedRuns.Definition(null), []);

        Assert.Equal(RunVerdict.Fail, evaluation.Verdict);
        Assert.StartsWith("Every request failed: 1,200 of 1,200 requests failed (connect 1,200)", evaluation.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void A_latency_threshold_measured_only_on_failures_does_not_pass()
    {
        // The bug this pins: nothing listening, "errors 100%" while "p95 < 300ms: 70ms" passed.
        var (run, summary) = AllFailed();
        var thresholds = ThresholdEvaluator.Evaluate(run, EvaluatedRuns.Definition(null, "p95 < 10s").Thresholds);

        var p95 = Assert.Single(thresholds);
        Assert.Equal(ThresholdStatus.NoData, p95.Status);
        Assert.Contains("every request of the run failed (connect 1,200)", p95.Message, StringComparison.Ordinal);
        Assert.Equal(RunVerdict.Fail, RunEvaluator.Evaluate(run, summary, EvaluatedRuns.Definition(null, "p95 < 10s"), []).Verdict);
    }

    [Fact]
    public void Dropped_arrivals_make_the_run_untrustworthy_before_any_threshold_is_judged()
    {
        // The bug this pins: a saturated runner (57,698 of ~110k dropped) was judged FAIL on p95 and showed no "dropped".
        var (run, _) = EvaluatedRuns.Run("r", 100, seed: 7);
        run = run with { Health = [new HealthSample { Start = run.Start, Dropped = 57_698, Scheduled = 110_000 }] };
        var summary = ResultSummarizer.Summarize(run);
        var evaluation = RunEvaluator.Evaluate(run, summary, EvaluatedRuns.Definition(null, "p95 < 1ms"), []);

        Assert.Equal(RunVerdict.Inconclusive, evaluation.Verdict);
        Assert.StartsWith("Inconclusive (untrustworthy): 57,698 of 110,000 arrivals dropped (52.5%)", evaluation.Headline, StringComparison.Ordinal);
        Assert.False(TrustCheck.IsTrustworthy(run, summary));
    }

    [Fact]
    public void A_few_dropped_arrivals_within_the_limit_keep_the_run_trustworthy()
    {
        var (run, _) = EvaluatedRuns.Run("r", 100, seed: 7);
        run = run with { Health = [new HealthSample { Start = run.Start, Dropped = 1, Scheduled = 10_000 }] };
        Assert.True(TrustCheck.IsTrustworthy(run, ResultSummarizer.Summarize(run)));
    }

    private static (ResultFile Run, ResultSummary Summary) AllFailed()
    {
        var (run, _) = EvaluatedRuns.Run("r", 100, seed: 7);
        run = run with
        {
            Steps = [.. run.Steps.Select(s => s with
            {
                Intervals = [.. s.Intervals.Select(i => i with { Ok = 0, Failed = new FailureCounts(Connect: i.Total) })],
            })],
        };
        return (run, ResultSummarizer.Summarize(run));
    }
}
