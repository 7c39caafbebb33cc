using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;
using LoadOps.Core.Results;

namespace LoadOps.Core.Tests.Regression;

public sealed class RegressionAnalyzerTests
{
    private static readonly RegressionOptions Options = new() { Metrics = [Metric.P95, Metric.Rps, Metric.Errors] };

    [Fact]
    public void A_clear_latency_regression_is_detected()
    {
        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 260_000), Summaries.Baseline(10, 0.03, seed: 1), Options);

        Assert.Equal(Verdict.Regression, report.Verdict);
        var p95 = report.Comparisons.Single(c => c.Metric == Metric.P95);
        Assert.Equal(Verdict.Regression, p95.Verdict);
        Assert.InRange(p95.Test.RelativeChange, 0.2, 0.4);
        Assert.Contains("worse", p95.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(70, Verdict.Regression)]
    [InlineData(130, Verdict.Improvement)]
    public void Direction_matters_for_throughput(double rps, Verdict expected)
    {
        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 200_000, rps), Summaries.Baseline(10, 0.02, seed: 2), Options);
        Assert.Equal(expected, report.Comparisons.Single(c => c.Metric == Metric.Rps).Verdict);
    }

    [Fact]
    public void Lower_latency_is_an_improvement()
    {
        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 140_000), Summaries.Baseline(10, 0.02, seed: 3), Options);
        Assert.Equal(Verdict.Improvement, report.Comparisons.Single(c => c.Metric == Metric.P95).Verdict);
    }

    [Fact]
    public void Runs_of_the_same_system_are_not_flagged()
    {
        var flagged = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(10_000 + seed);
            var candidate = Summaries.Run("aa", 200_000 * Summaries.Noise(random, 0.05), 100 * Summaries.Noise(random, 0.05));
            if (RegressionAnalyzer.Analyze(candidate, Summaries.Baseline(10, 0.05, seed), Options).Verdict == Verdict.Regression)
                flagged++;
        }
        Assert.True(flagged <= 2, $"{flagged} of 200 A/A comparisons flagged as regressions");
    }

    [Fact]
    public void A_pass_that_could_not_have_caught_even_a_tenfold_slowdown_says_so_instead_of_an_absurd_figure()
    {
        // Three baseline runs whose p95 ranges from 20 ms to 2 s (a 40-request run on a busy machine): the computed
        // detectable change is astronomically large.
        List<ResultSummary> baseline = [Summaries.Run("b0", 20_000), Summaries.Run("b1", 2_000_000), Summaries.Run("b2", 200_000)];

        var p95 = RegressionAnalyzer.Analyze(Summaries.Run("pr", 200_000), baseline, Options).Comparisons.Single(c => c.Metric == Metric.P95);

        Assert.Equal(Verdict.Pass, p95.Verdict);
        Assert.True(p95.DetectableChange > 10, $"detectable {p95.DetectableChange}");
        Assert.Contains("could detect no change under 1000%: the 3 baseline runs are too few for their noise", p95.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("≥", p95.Reason, StringComparison.Ordinal);
        // A steady baseline still states its figure.
        var steady = RegressionAnalyzer.Analyze(Summaries.Run("pr", 200_000), Summaries.Baseline(10, 0.02, seed: 5), Options).Comparisons.Single(c => c.Metric == Metric.P95);
        Assert.Matches("could detect ≥ [0-9.]+%", steady.Reason);
    }

    [Fact]
    public void Too_little_history_is_inconclusive_and_says_how_many_runs_are_missing()
    {
        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 400_000), Summaries.Baseline(2, 0.02, seed: 4), Options);

        Assert.Equal(Verdict.Inconclusive, report.Verdict);
        var p95 = report.Comparisons.Single(c => c.Metric == Metric.P95);
        Assert.Equal(1, p95.MoreRunsNeeded);
        Assert.Contains("only 2 baseline run(s)", p95.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_beyond_tolerance_hidden_in_noise_passes_and_states_that_the_gate_was_weak()
    {
        // The bug this pins: a noisy but healthy service never went green (every comparison inconclusive).
        double[] noisy = [180_000, 220_000, 200_000, 170_000, 230_000];
        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 224_000), [.. noisy.Select((v, i) => Summaries.Run($"b{i}", v))], Options);
        var p95 = report.Comparisons.Single(c => c.Metric == Metric.P95);
        Assert.Equal(Verdict.Pass, p95.Verdict);
        Assert.InRange(p95.Test.RelativeChange, 0.1, 0.15);
        Assert.Contains("within run-to-run noise", p95.Reason, StringComparison.Ordinal);
        Assert.True(p95.DetectableChange > p95.Test.RelativeChange, p95.Reason);
    }

    [Theory]
    [InlineData(ResultStatus.Partial, false)]
    [InlineData(ResultStatus.Complete, true)]
    public void An_untrustworthy_or_partial_candidate_never_passes(ResultStatus status, bool withIssue)
    {
        var baseline = Summaries.Baseline(10, 0.02, seed: 6);
        var issues = withIssue ? new[] { new TrustIssue("cpu-saturated", "runner CPU at 98%", "s1") } : null;
        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 200_000, status: status, issues: issues), baseline, Options);

        Assert.Equal(Verdict.Inconclusive, report.Verdict);
        Assert.All(report.Comparisons, c => Assert.Equal(Verdict.Inconclusive, c.Verdict));
        Assert.Contains(report.Notes, n => n.Contains(withIssue ? "CPU at 98%" : "partial", StringComparison.Ordinal));
    }

    [Fact]
    public void Untrustworthy_baseline_runs_are_left_out()
    {
        var baseline = Summaries.Baseline(10, 0.02, seed: 7);
        baseline[0] = baseline[0] with { Status = ResultStatus.Partial };
        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 200_000), baseline, Options);
        Assert.Equal(9, report.BaselineRuns);
        Assert.Contains(report.Notes, n => n.Contains("base-0", StringComparison.Ordinal));
    }

    [Fact]
    public void Testing_many_steps_at_once_raises_the_bar()
    {
        // Baseline p95 spread of about 1.8%; a +7.6% candidate sits near p = 0.003 on its own. (Without the prior noise,
        // which would lift the noise to 2.2% here: this test is about the Holm correction alone.)
        double[] values = [100, 102, 98, 101, 99, 100, 103, 97, 100, 100];
        var p95Only = new RegressionOptions { Metrics = [Metric.P95], PriorNoiseRuns = 0 };
        var steps = Enumerable.Range(0, 10).Select(i => $"step-{i}").ToList();
        var alone = RegressionAnalyzer.Analyze(Summaries.Run("pr", 107.6), [.. values.Select((v, i) => Summaries.Run($"b{i}", v))], p95Only);
        var many = RegressionAnalyzer.Analyze(Summaries.Run("pr", 107.6, steps: steps, stepP95: 100),
            [.. values.Select((v, i) => Summaries.Run($"b{i}", v, steps: steps))], p95Only);

        var single = Assert.Single(alone.Comparisons);
        Assert.InRange(single.AdjustedPValue, 0.0005, 0.005);
        Assert.Equal(Verdict.Regression, single.Verdict);
        var run = many.Comparisons.Single(c => c.Step is null);
        Assert.Equal(11, many.Comparisons.Count);
        // One-sided p (half the two-sided one, the change being worse) times the 11 comparisons.
        Assert.Equal(Math.Min(1, 11 * run.Test.PValue / 2), run.AdjustedPValue, 9);
        Assert.Equal(Verdict.Pass, run.Verdict);
    }

    [Fact]
    public void Holm_adjusts_step_down_and_stays_monotone()
    {
        var adjusted = HolmCorrection.Adjust([0.01, 0.04, 0.03, 0.5]);
        Assert.Equal([0.04, 0.09, 0.09, 0.5], adjusted.Select(p => Math.Round(p, 10)));
    }

    [Theory]
    [InlineData(2.262157, 9, 0.05)]
    [InlineData(3.249836, 9, 0.01)]
    [InlineData(1.959964, 100_000, 0.05)]
    [InlineData(12.7062, 1, 0.05)]
    public void Student_t_tails_match_tables(double t, double df, double p)
    {
        Assert.Equal(p, StudentT.TwoSidedP(t, df), 4);
        Assert.Equal(t, StudentT.CriticalValue(p, df), 2);
    }

    [Fact]
    public void A_few_identical_baseline_runs_do_not_turn_one_slower_run_into_a_regression()
    {
        // A steady service: four runs of exactly 25.0 ms at p95; one run on a busier machine gives 28 ms (+12%).
        var p95Only = new RegressionOptions { Metrics = [Metric.P95], Tolerance = 0.10 };
        var baseline = Enumerable.Range(0, 4).Select(i => Summaries.Run($"b{i}", 25_000)).ToList();

        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 28_000), baseline, p95Only);
        var bold = RegressionAnalyzer.Analyze(Summaries.Run("pr", 28_000), baseline, p95Only with { PriorNoiseRuns = 0 });

        var p95 = Assert.Single(report.Comparisons);
        Assert.Equal(Verdict.Pass, p95.Verdict);
        Assert.Equal(Math.Sqrt(4 * 0.03 * 0.03 / (4 + 3)), p95.Test.Noise, 9);
        Assert.Contains("within run-to-run noise", p95.Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Regression, Assert.Single(bold.Comparisons).Verdict);
    }

    [Fact]
    public void Against_identical_baseline_runs_a_forty_percent_slowdown_is_still_a_regression()
    {
        var baseline = Enumerable.Range(0, 6).Select(i => Summaries.Run($"b{i}", 25_000)).ToList();

        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 35_000), baseline, Options);

        Assert.Equal(Verdict.Regression, report.Comparisons.Single(c => c.Metric == Metric.P95).Verdict);
    }

    [Fact]
    public void A_baseline_noisier_than_the_prior_keeps_its_own_spread()
    {
        double[] values = [100, 110, 91, 105, 95, 108, 93, 100];
        var p95Only = new RegressionOptions { Metrics = [Metric.P95] };

        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 100), [.. values.Select((v, i) => Summaries.Run($"b{i}", v))], p95Only);

        var logs = values.Select(v => Math.Log(v)).ToArray();
        var spread = Math.Sqrt(logs.Sum(v => (v - logs.Average()) * (v - logs.Average())) / (logs.Length - 1));
        Assert.Equal(spread, Assert.Single(report.Comparisons).Test.Noise, 9);
    }
}
