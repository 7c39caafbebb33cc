using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;
using LoadOps.Core.Results;

namespace LoadOps.Core.Tests.Regression;

/// <summary>One stalled baseline run among ten (issue 12: it turned the pass line into "could detect ≥ 284%").</summary>
public sealed class BaselineOutlierTests
{
    private static readonly RegressionOptions Options = new() { Metrics = [Metric.P95] };

    private static List<ResultSummary> WithStall(double factor, int seed = 21)
    {
        var baseline = Summaries.Baseline(10, 0.03, seed);
        baseline[4] = Summaries.Run("stalled", baseline[4].Overall.Value(Metric.P95)!.Value * factor);
        return baseline;
    }

    [Fact]
    public void A_stalled_baseline_run_does_not_hide_a_regression()
    {
        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 260_000), WithStall(3), Options);

        Assert.Equal(Verdict.Regression, report.Verdict);
        Assert.Equal(9, report.Comparisons.Single().Test.BaselineRuns);
        Assert.Contains(report.Notes, n => n.Contains("baseline run stalled left out as an outlier for p95 (×3", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stalled_baseline_run_does_not_widen_the_detectable_change()
    {
        var clean = RegressionAnalyzer.Analyze(Summaries.Run("pr", 200_000), Summaries.Baseline(10, 0.03, 21), Options).Comparisons.Single();
        var stalled = RegressionAnalyzer.Analyze(Summaries.Run("pr", 200_000), WithStall(3), Options).Comparisons.Single();

        Assert.Equal(Verdict.Pass, stalled.Verdict);
        Assert.InRange(stalled.DetectableChange, 0.05, clean.DetectableChange * 1.3);
    }

    [Fact]
    public void A_run_much_faster_than_the_others_is_an_outlier_too()
    {
        var report = RegressionAnalyzer.Analyze(Summaries.Run("pr", 200_000), WithStall(0.3), Options);

        Assert.Equal(Verdict.Pass, report.Verdict);
        Assert.Contains(report.Notes, n => n.Contains("stalled left out", StringComparison.Ordinal));
    }

    [Fact]
    public void A_clean_baseline_loses_no_run()
    {
        var lost = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var report = RegressionAnalyzer.Analyze(Summaries.Run("aa", 200_000), Summaries.Baseline(10, 0.05, seed), Options);
            lost += report.Comparisons.Single().Test.Outliers.Count;
        }
        Assert.True(lost <= 6, $"{lost} runs of 200 clean baselines were left out as outliers");
    }

    [Fact]
    public void A_run_within_the_tolerance_is_never_an_outlier()
    {
        // Nine runs that agree to 0.1% and one 4% slower: far in standard deviations, but within the 5% tolerance.
        var baseline = Summaries.Baseline(9, 0.001, seed: 5);
        baseline.Add(Summaries.Run("slower", 208_000));
        var test = RegressionAnalyzer.Analyze(Summaries.Run("pr", 200_000), baseline, Options).Comparisons.Single().Test;

        Assert.Empty(test.Outliers);
        Assert.Equal(10, test.BaselineRuns);
    }

    [Fact]
    public void The_minimum_number_of_baseline_runs_always_remains()
    {
        var baseline = Summaries.Baseline(3, 0.01, seed: 6);
        baseline.Add(Summaries.Run("stalled", 900_000));
        var four = RegressionAnalyzer.Analyze(Summaries.Run("pr", 200_000), baseline, Options).Comparisons.Single().Test;
        var three = RegressionAnalyzer.Analyze(Summaries.Run("pr", 200_000), baseline[1..], Options).Comparisons.Single().Test;

        Assert.Equal(3, four.BaselineRuns);
        Assert.Equal(3, three.BaselineRuns);
        Assert.Empty(three.Outliers);
    }
}
