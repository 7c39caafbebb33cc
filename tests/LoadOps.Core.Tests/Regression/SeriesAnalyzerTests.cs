using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;
using LoadOps.Core.Results;

namespace LoadOps.Core.Tests.Regression;

public sealed class SeriesAnalyzerTests
{
    [Fact]
    public void A_fifty_percent_shift_in_the_last_three_of_ten_runs_is_found()
    {
        // The bug this pins: 7 runs at ~29 ms then 3 at ~44 ms said "no shift in 10 runs".
        double[] p95 = [29.1, 28.7, 29.6, 28.9, 29.3, 29.0, 28.8, 44.2, 43.6, 44.9];
        var report = SeriesAnalyzer.Analyze(Runs(p95), [Metric.P95], 0.05);

        var shift = Assert.Single(report.Shifts);
        Assert.Equal("run-7", shift.At.RunId);
        Assert.True(shift.Worse);
        Assert.False(report.CannotTell);
    }

    [Fact]
    public void A_change_the_history_cannot_confirm_is_too_little_history_not_no_shift()
    {
        double[] p95 = [29, 36, 27, 33, 30, 38, 41];
        var report = SeriesAnalyzer.Analyze(Runs(p95), [Metric.P95], 0.05);

        Assert.Empty(report.Shifts);
        Assert.True(report.CannotTell);
        Assert.Contains(report.Notes, n => n.Contains("too little history to tell", StringComparison.Ordinal));
    }

    [Fact]
    public void A_steady_history_has_no_shift()
    {
        double[] p95 = [29.1, 28.7, 29.6, 28.9, 29.3, 29.0, 28.8, 29.2, 29.4, 28.9];
        var report = SeriesAnalyzer.Analyze(Runs(p95), [Metric.P95], 0.05);
        Assert.Empty(report.Shifts);
        Assert.False(report.CannotTell);
    }

    private static List<SeriesRun> Runs(double[] p95Ms) =>
    [
        .. p95Ms.Select((v, i) => new SeriesRun($"run-{i}", $"commit-{i}", DateTimeOffset.UnixEpoch.AddHours(i), new ResultSummary($"run-{i}", null,
            ResultStatus.Complete, [], new MetricSummary(new RequestTotals(1_000, FailureCounts.None), 60, new Dictionary<Metric, double> { [Metric.P95] = v * 1000 }, []), []))),
    ];
}
