using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;
using LoadOps.Core.Results;

namespace LoadOps.Core.Tests.Regression;

/// <summary>Errors are compared as counts against the baseline's pooled rate, with a tolerance in points.</summary>
public sealed class CountTestTests
{
    private static readonly RegressionOptions ErrorsOnly = new() { Metrics = [Metric.Errors] };

    [Fact]
    public void No_errors_against_a_baseline_without_errors_passes()
    {
        // The bug this pins: 0% against 0% was always inconclusive ("noise cannot rule out 51.5% worse").
        var report = RegressionAnalyzer.Analyze(Run("pr", 0, 5_000), Baseline(0, 5_000), ErrorsOnly);

        var errors = Assert.Single(report.Comparisons);
        Assert.Equal(Verdict.Pass, errors.Verdict);
        Assert.True(errors.Test.InPoints);
        Assert.InRange(errors.DetectableChange, 0.01, 0.02);
        Assert.True(report.Settled);
    }

    [Fact]
    public void Two_points_more_errors_than_the_baseline_is_a_regression()
    {
        var report = RegressionAnalyzer.Analyze(Run("pr", 100, 5_000), Baseline(0, 5_000), ErrorsOnly);

        var errors = Assert.Single(report.Comparisons);
        Assert.Equal(Verdict.Regression, errors.Verdict);
        Assert.Equal(0.02, errors.Test.RelativeChange, 6);
        Assert.Contains("+2 points", errors.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rise_within_the_error_tolerance_in_points_passes()
    {
        // 0.5% → 1.2%: 0.7 points, within the default 1-point tolerance.
        var report = RegressionAnalyzer.Analyze(Run("pr", 60, 5_000), Baseline(25, 5_000), ErrorsOnly);
        Assert.Equal(Verdict.Pass, Assert.Single(report.Comparisons).Verdict);
    }

    [Fact]
    public void A_few_failures_in_a_small_run_cannot_be_called_a_regression_and_the_pass_says_how_weak_it_is()
    {
        var report = RegressionAnalyzer.Analyze(Run("pr", 3, 100), Baseline(0, 100), ErrorsOnly);
        var errors = Assert.Single(report.Comparisons);
        Assert.Equal(Verdict.Pass, errors.Verdict);
        Assert.True(errors.DetectableChange > 0.03, errors.Reason);
    }

    [Theory]
    [InlineData(3, 10, 0.1, 0.0701908)]
    [InlineData(0, 10, 0.1, 1.0)]
    [InlineData(1, 1_000, 0.001, 0.6323046)]
    public void Binomial_upper_tails_match_exact_sums(long k, long n, double p, double expected)
    {
        Assert.Equal(expected, Binomial.UpperTail(k, n, p), 6);
    }

    [Fact]
    public void The_upper_bound_of_no_failures_in_n_is_the_rule_of_three()
    {
        Assert.Equal(3.0 / 1_000, Binomial.UpperBound(0, 1_000, 0.95), 4);
    }

    [Fact]
    public void A_baseline_run_with_an_error_burst_is_left_out_so_the_same_burst_now_is_caught()
    {
        // Nine clean runs and one that hit a burst (30% errors): pooled in, it lifts the baseline to 3% and 4% now passes.
        var baseline = Enumerable.Range(0, 9).Select(i => Run($"b{i}", 0, 1_000)).Append(Run("burst", 300, 1_000)).ToList();

        var report = RegressionAnalyzer.Analyze(Run("pr", 40, 1_000), baseline, ErrorsOnly);

        var errors = Assert.Single(report.Comparisons);
        Assert.Equal(Verdict.Regression, errors.Verdict);
        Assert.Equal((9, 0.0), (errors.Test.BaselineRuns, errors.Test.BaselineValue));
        Assert.Equal([9], errors.Test.Outliers);
        Assert.Contains(report.Notes, n => n.Contains("baseline run burst left out as an outlier for errors (30% against 0%)", StringComparison.Ordinal));
    }

    [Fact]
    public void Runs_that_differ_by_less_than_the_tolerance_are_all_kept()
    {
        long[] failed = [5, 3, 12, 4, 6, 2, 9, 5];
        var baseline = failed.Select((f, i) => Run($"b{i}", f, 1_000)).ToList();

        var errors = Assert.Single(RegressionAnalyzer.Analyze(Run("pr", 6, 1_000), baseline, ErrorsOnly).Comparisons);

        Assert.Empty(errors.Test.Outliers);
        Assert.Equal(8, errors.Test.BaselineRuns);
        Assert.Equal(Verdict.Pass, errors.Verdict);
    }

    private static List<ResultSummary> Baseline(long failed, long total) => [.. Enumerable.Range(0, 5).Select(i => Run($"b{i}", failed, total))];

    private static ResultSummary Run(string id, long failed, long total)
    {
        var totals = new RequestTotals(total - failed, new FailureCounts(Status: failed));
        var values = new Dictionary<Metric, double> { [Metric.Errors] = failed / (double)total };
        return new ResultSummary(id, null, ResultStatus.Complete, [], new MetricSummary(totals, 60, values, []), []);
    }
}
