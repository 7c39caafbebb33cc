using LoadOps.Core.Definitions;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Results;

namespace LoadOps.Core.Tests.Evaluation;

public sealed class RunEvaluatorTests
{
    private static IReadOnlyList<(ResultFile, ResultSummary)> Baseline(int runs, double medianMs = 100) =>
        [.. Enumerable.Range(0, runs).Select(i => EvaluatedRuns.Run($"2026112{i % 10}T0000{i:00}Z-b", medianMs, seed: i + 1))];

    [Fact]
    public void A_failed_threshold_fails_the_run_and_says_which()
    {
        var (run, summary) = EvaluatedRuns.Run("r", 100, seed: 7);
        var evaluation = RunEvaluator.Evaluate(run, summary, EvaluatedRuns.Definition(null, "p95 < 50ms", "errors < 50%"), []);

        Assert.Equal(RunVerdict.Fail, evaluation.Verdict);
        Assert.StartsWith("1 of 2 thresholds failed: p95 < 50ms (was ", evaluation.Headline, StringComparison.Ordinal);
        Assert.EndsWith(": failing", evaluation.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Thresholds_alone_pass_when_no_baseline_is_asked_for()
    {
        var (run, summary) = EvaluatedRuns.Run("r", 100, seed: 7);
        var evaluation = RunEvaluator.Evaluate(run, summary, EvaluatedRuns.Definition(null, "p95 < 1s"), []);

        Assert.Equal(RunVerdict.Pass, evaluation.Verdict);
        Assert.Null(evaluation.Regression);
        Assert.StartsWith("all 1 thresholds passed: passing", evaluation.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_little_history_is_inconclusive_and_says_so()
    {
        var (run, summary) = EvaluatedRuns.Run("r", 100, seed: 7);
        var evaluation = RunEvaluator.Evaluate(run, summary, EvaluatedRuns.Definition(new BaselineSpec(), "p95 < 1s"), Baseline(1));

        Assert.Equal(RunVerdict.Inconclusive, evaluation.Verdict);
        Assert.Contains("only 1 baseline run", evaluation.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clear_slowdown_against_a_steady_baseline_is_a_regression()
    {
        var (run, summary) = EvaluatedRuns.Run("r", 150, seed: 99);
        var evaluation = RunEvaluator.Evaluate(run, summary, EvaluatedRuns.Definition(new BaselineSpec(), "p95 < 1s"), Baseline(10));

        Assert.Equal(RunVerdict.Regression, evaluation.Verdict);
        Assert.Matches(@"^p95 of the run went from \d+ms to \d+ms \(\+\d+%, significant\): regression$", evaluation.Headline);
        Assert.Equal(10, evaluation.Baseline.Count);
        Assert.True(evaluation.Baseline.Zip(evaluation.Baseline.Skip(1)).All(p => p.First.Start <= p.Second.Start));
    }

    [Fact]
    public void The_same_performance_passes_against_a_steady_baseline()
    {
        var (run, summary) = EvaluatedRuns.Run("r", 100, seed: 99);
        var evaluation = RunEvaluator.Evaluate(run, summary, EvaluatedRuns.Definition(new BaselineSpec(), "p95 < 1s"), Baseline(10));

        Assert.Equal(RunVerdict.Pass, evaluation.Verdict);
        Assert.Contains("no regression against 10 baseline runs", evaluation.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pass_against_three_wildly_different_baseline_runs_says_it_could_see_nothing_rather_than_a_huge_figure()
    {
        var (run, summary) = EvaluatedRuns.Run("r", 100, seed: 7);
        IReadOnlyList<(ResultFile, ResultSummary)> baseline =
            [EvaluatedRuns.Run("20261120T000000Z-b", 5, seed: 1), EvaluatedRuns.Run("20261121T000001Z-b", 2_000, seed: 2), EvaluatedRuns.Run("20261122T000002Z-b", 100, seed: 3)];

        var evaluation = RunEvaluator.Evaluate(run, summary, EvaluatedRuns.Definition(new BaselineSpec(), "p95 < 10s"), baseline);

        Assert.Equal(RunVerdict.Pass, evaluation.Verdict);
        Assert.Contains("(p95: could detect no change under 1000%: the 3 baseline runs are too few for their noise", evaluation.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void An_untrustworthy_run_never_passes_cleanly()
    {
        var (run, summary) = EvaluatedRuns.Run("r", 100, seed: 7, issue: new TrustIssue("cpu", "runner CPU above 85% in 9 of 12 intervals", "r-s000"));
        var evaluation = RunEvaluator.Evaluate(run, summary, EvaluatedRuns.Definition(null, "p95 < 1s"), []);

        Assert.Equal(RunVerdict.Inconclusive, evaluation.Verdict);
        Assert.StartsWith("Inconclusive (untrustworthy): r-s000: runner CPU above 85%", evaluation.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partial_run_is_inconclusive_even_when_thresholds_hold()
    {
        var (run, summary) = EvaluatedRuns.Run("r", 100, seed: 7);
        var evaluation = RunEvaluator.Evaluate(run with { Status = ResultStatus.Partial }, summary, EvaluatedRuns.Definition(null, "p95 < 1s"), []);

        Assert.Equal(RunVerdict.Inconclusive, evaluation.Verdict);
        Assert.Contains("partial", Assert.Single(evaluation.Reservations), StringComparison.Ordinal);
    }
}
