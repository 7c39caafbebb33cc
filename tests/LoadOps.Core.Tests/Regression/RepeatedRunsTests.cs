using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;

namespace LoadOps.Core.Tests.Regression;

/// <summary>One run that cannot tell passes and says how weak it was; repeats of the candidate decide, at the same false-alarm rate.</summary>
public sealed class RepeatedRunsTests
{
    private static readonly RegressionOptions P95Only = new() { Metrics = [Metric.P95] };

    // Baseline p95 with ~5% run-to-run spread.
    private static readonly double[] Noisy = [200, 190, 212, 205, 188, 215, 196, 209, 193, 202];

    [Fact]
    public void A_small_change_in_a_noisy_baseline_passes_and_says_what_it_could_have_caught()
    {
        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 206), Baseline(Noisy), P95Only);

        var p95 = Assert.Single(report.Comparisons);
        Assert.Equal(Verdict.Pass, p95.Verdict);
        Assert.InRange(p95.DetectableChange, 0.10, 0.40);
        Assert.Contains("could detect ≥ ", p95.Reason, StringComparison.Ordinal);
        // The noise cannot rule out a change beyond 5%: a repeat could still tell, so the report is not settled.
        Assert.False(report.Settled);
    }

    [Fact]
    public void Strict_equivalence_makes_the_same_comparison_inconclusive_and_says_to_repeat_the_run()
    {
        var strict = P95Only with { RequireEquivalence = true };
        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 206), Baseline(Noisy), strict);

        var p95 = Assert.Single(report.Comparisons);
        Assert.Equal(Verdict.Inconclusive, p95.Verdict);
        Assert.Contains("cannot rule out", p95.Reason, StringComparison.Ordinal);
        Assert.Contains("repeating the run about", p95.Reason, StringComparison.Ordinal);
        Assert.True(p95.MoreCandidateRunsNeeded > 0, p95.Reason);
    }

    [Fact]
    public void The_same_change_in_a_steady_baseline_passes_and_is_settled()
    {
        double[] steady = [200, 199, 201, 200, 200.5, 199.5, 200, 201, 199, 200];
        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 202), Baseline(steady), P95Only);
        Assert.Equal(Verdict.Pass, Assert.Single(report.Comparisons).Verdict);
        Assert.True(report.Settled);
    }

    [Fact]
    public void Repeating_the_candidate_decides_a_shift_one_run_cannot()
    {
        var one = RegressionAnalyzer.Analyze(Summaries.Run("pr", 222), Baseline(Noisy), P95Only);
        var single = Assert.Single(one.Comparisons);
        Assert.Equal(Verdict.Pass, single.Verdict);
        Assert.True(single.DetectableChange > 0.11, single.Reason);
        Assert.False(one.Settled);

        // The PR run repeated: the same +10% level with its own run-to-run spread.
        double[] repeats = [222, 210, 231, 219, 226, 214, 228, 220, 217, 224, 213, 229];
        var many = RegressionAnalyzer.Analyze([.. repeats.Select((v, i) => Summaries.Run($"pr-{i}", v))], Baseline(Noisy), P95Only);

        var mean = Assert.Single(many.Comparisons);
        Assert.Equal(Verdict.Regression, mean.Verdict);
        Assert.Equal(12, mean.Test.CandidateRuns);
        Assert.InRange(mean.Test.RelativeChange, 0.08, 0.12);
        Assert.Contains(many.Notes, n => n.Contains("mean of 12 runs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(20)]
    public void The_looks_of_a_repeated_comparison_share_alpha_and_spend_most_of_it_last(int looks)
    {
        var spent = Enumerable.Range(1, looks).Sum(look => RepeatPlan.LookAlpha(0.005, look, looks));
        Assert.Equal(0.005, spent, 12);
        Assert.True(RepeatPlan.LookAlpha(0.005, looks, looks) >= 0.95 * 0.005);
    }

    [Fact]
    public void An_untrustworthy_repeat_makes_every_verdict_inconclusive()
    {
        var repeats = new[] { Summaries.Run("pr-1", 240), Summaries.Run("pr-2", 241, status: Core.Results.ResultStatus.Partial) };
        var report = RegressionAnalyzer.Analyze(repeats, Baseline(Noisy), P95Only);
        Assert.All(report.Comparisons, c => Assert.Equal(Verdict.Inconclusive, c.Verdict));
        Assert.Contains(report.Notes, n => n.Contains("pr-2 is partial", StringComparison.Ordinal));
    }

    private static List<Core.Results.ResultSummary> Baseline(double[] values) => [.. values.Select((v, i) => Summaries.Run($"b{i}", v))];
}
