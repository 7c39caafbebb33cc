using LoadOps.Core.Definitions;
using LoadOps.Core.Reports;

namespace LoadOps.Core.Tests.Reports;

/// <summary>Fixed report models for the snapshot and behaviour tests.</summary>
internal static class ReportSamples
{
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    /// <summary>A regression on /checkout with a failed threshold, 5 minutes of 5-second intervals, three locations.</summary>
    public static ReportModel Regression() => new()
    {
        RunId = "run-20250314-0930-7f3a",
        TestName = "checkout",
        Commit = "7f3a9c1e5b2d4f60a1b2c3d4e5f60718293a4b5c",
        Branch = "feature/faster-cart",
        PullRequest = 482,
        Start = Start,
        End = Start.AddMinutes(5),
        Verdict = ReportVerdict.Regression,
        Headline = "p95 of /checkout went from 212ms to 268ms (+26%, significant): failing",
        Metrics =
        [
            new MetricRow("/checkout", Metric.P95, 212_000, 268_000, 26.4, "significant", ReportVerdict.Regression) { PValue = 0.0004 },
            new MetricRow("/checkout", Metric.P99, 402_000, 455_000, 13.2, "not significant", ReportVerdict.Inconclusive) { PValue = 0.21 },
            new MetricRow("/checkout", Metric.Errors, 0.004, 0.0061, 52.5, "significant", ReportVerdict.Regression) { PValue = 0.003 },
            new MetricRow("list-products", Metric.P95, 48_200, 41_900, -13.1, "significant", ReportVerdict.Improvement) { PValue = 0.001 },
            new MetricRow("list-products", Metric.Rps, 180.2, 181.0, 0.4, "not significant", ReportVerdict.Pass) { PValue = 0.8 },
            new MetricRow("product", Metric.P50, 950, 980, 3.2, "within tolerance", ReportVerdict.Pass),
        ],
        Thresholds =
        [
            new ThresholdOutcome("p95 < 300ms", Metric.P95, 251_000, 300_000, Passed: true),
            new ThresholdOutcome("errors < 1%", Metric.Errors, 0.0052, 0.01, Passed: true),
            new ThresholdOutcome("rps > 150", Metric.Rps, 176.4, 150, Passed: true),
            new ThresholdOutcome("p95 < 250ms", Metric.P95, 268_000, 250_000, Passed: false) { Step = "/checkout" },
        ],
        Intervals = Enumerable.Range(0, 60).Select(Interval).ToList(),
        History =
        [
            .. Enumerable.Range(0, 9).Select(i => new HistoryPoint($"run-{i:00}", $"{i:x}0c4e1d9a7b3", 205_000 + (i % 4 * 3_500))),
            new HistoryPoint("run-20250314-0930-7f3a", "7f3a9c1e5b2d", 268_000, IsCurrent: true),
        ],
        Locations =
        [
            new LocationRow("azure/westeurope", 21_400, 71.3, 244_000, 96),
            new LocationRow("aws/us-east-1", 20_950, 69.8, 291_000, 151),
            new LocationRow("pool/lab", 10_600, 35.3, 198_000, 28),
        ],
        Links = new ReportLinks("https://reports.example.com/checkout/run-20250314-0930-7f3a.html", "https://github.com/acme/shop/actions/runs/42"),
        Inconclusive = new InconclusiveNote(["p99 of /checkout"], 4),
    };

    /// <summary>Everything passed, but a shard ran saturated and one never reported; certificates were not checked and the rate was given on the command line.</summary>
    public static ReportModel UntrustedPass() => Regression() with
    {
        Verdict = ReportVerdict.Pass,
        Headline = "All thresholds met; no significant change against 10 baseline runs",
        Metrics = [new MetricRow("/checkout", Metric.P95, 212_000, 214_000, 0.9, "not significant", ReportVerdict.Pass)],
        Thresholds = [new ThresholdOutcome("p95 < 300ms", Metric.P95, 214_000, 300_000, Passed: true)],
        TrustWarnings =
        [
            new TrustWarning(TrustWarningKind.UntrustworthyShard, "runner CPU above 90% for 40% of the run", "shard-2"),
            new TrustWarning(TrustWarningKind.Incomplete, "1 of 5 shards never reported (aws/us-east-1)"),
        ],
        Inconclusive = null,
        SettingNotes = LoadOps.Core.Results.RunSettingNotes.Of(new LoadOps.Core.Results.RunSettings
        {
            InsecureTls = true,
            Overrides = new Dictionary<string, string> { ["rate"] = "50", ["duration"] = "30s" },
        }),
    };

    private static IntervalPoint Interval(int i)
    {
        var ramp = Math.Min(i, 12) / 12.0;
        var spike = i is >= 34 and <= 38 ? 90_000 : 0;
        return new IntervalPoint(
            Start.AddSeconds(i * 5),
            38_000 + (i % 5 * 1_200) + (spike / 3),
            190_000 + (i % 7 * 6_000) + spike,
            360_000 + (i % 3 * 15_000) + (spike * 2),
            Math.Round(176 * ramp, 1),
            new ErrorCounts(Status: i % 9 == 0 ? 3 : 1, Timeout: spike > 0 ? 6 : 0, Connect: i == 50 ? 4 : 0, Check: i % 13 == 0 ? 2 : 0));
    }
}
