using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;

namespace LoadOps.Core.Tests.Regression;

/// <summary>When one run cannot decide, the verdict says so (never a silent pass) and repeated candidate runs can.</summary>
public sealed class RepeatedRunsTests
{
    private static readonly RegressionOptions P95Only = new() { Metrics = [Metric.P95] };

    // Baseline p95 with ~5% run-to-run spread.
    private static readonly double[] Noisy = [200, 190, 212, 205, 188, 215, 196, 209, 193, 202];

    [Fact]
    public void A_small_change_in_a_noisy_baseline_is_inconclusive_not_a_pass_and_says_to_repeat_the_run()
    {
        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 206), Baseline(Noisy), P95Only);

        var p95 = Assert.Single(report.Comparisons);
        Assert.InRange(p95.Test.RelativeChange, 0, 0.05);
        Assert.Equal(Verdict.Inconclusive, p95.Verdict);
        Assert.Contains("cannot rule out", p95.Reason, StringComparison.Ordinal);
        Assert.Contains("repeating the run about", p95.Reason, StringComparison.Ordinal);
        Assert.True(p95.MoreCandidateRunsNeeded > 0, p95.Reason);
        Assert.Equal(p95.MoreCandidateRunsNeeded, p95.MoreRunsNeeded);
    }

    [Fact]
    public void The_same_change_in_a_steady_baseline_passes()
    {
        double[] steady = [200, 199, 201, 200, 200.5, 199.5, 200, 201, 199, 200];
        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 202), Baseline(steady), P95Only);
        Assert.Equal(Verdict.Pass, Assert.Single(report.Comparisons).Verdict);
    }

    [Fact]
    public void Passing_on_the_observed_change_alone_is_a_choice_of_the_options()
    {
        var lenient = P95Only with { PassConfidence = 0.5 };
        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 206), Baseline(Noisy), lenient);
        Assert.Equal(Verdict.Pass, Assert.Single(report.Comparisons).Verdict);
    }

    [Fact]
    public void Repeating_the_candidate_decides_a_shift_one_run_cannot()
    {
        var one = RegressionAnalyzer.Analyze(Summaries.Run("pr", 222), Baseline(Noisy), P95Only);
        var single = Assert.Single(one.Comparisons);
        Assert.Equal(Verdict.Inconclusive, single.Verdict);
        Assert.NotNull(single.MoreCandidateRunsNeeded);

        // The PR run repeated: the same +10% level with its own run-to-run spread.
        double[] repeats = [222, 210, 231, 219, 226, 214, 228, 220, 217, 224, 213, 229];
        var many = RegressionAnalyzer.Analyze([.. repeats.Select((v, i) => Summaries.Run($"pr-{i}", v))], Baseline(Noisy), P95Only);

        var mean = Assert.Single(many.Comparisons);
        Assert.Equal(Verdict.Regression, mean.Verdict);
        Assert.Equal(12, mean.Test.CandidateRuns);
        Assert.InRange(mean.Test.RelativeChange, 0.08, 0.12);
        Assert.Contains(many.Notes, n => n.Contains("mean of 12 runs", StringComparison.Ordinal));
    }

    [Fact]
    public void Candidate_runs_needed_shrink_the_standard_error_as_one_over_m()
    {
        var test = new MetricTest(10, 200, 220, 0.1, 0.05, 0.05, Math.Log(1.1) / (0.05 * Math.Sqrt(1.1)));
        var needed = BaselineTest.CandidateRunsNeeded(test, 0.01);

        Assert.NotNull(needed);
        var gap = Math.Log(1.1);
        // At the number found the gap clears the bar; one run fewer it does not.
        Assert.True(gap >= Bar(needed.Value), $"{needed}");
        Assert.True(gap < Bar(needed.Value - 1), $"{needed}");

        static double Bar(int m) => Critical(10 + m - 2) * 0.05 * Math.Sqrt((1.0 / m) + 0.1);
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

    // Two-sided critical t values at alpha 0.01 (tables), for the degrees of freedom the test can reach.
    private static double Critical(int df) => df switch
    {
        <= 9 => 3.250, 10 => 3.169, 11 => 3.106, 12 => 3.055, 13 => 3.012, 14 => 2.977, 15 => 2.947, 16 => 2.921,
        17 => 2.898, 18 => 2.878, 19 => 2.861, 20 => 2.845, 21 => 2.831, 22 => 2.819, 23 => 2.807, 24 => 2.797, _ => 2.787,
    };
}
