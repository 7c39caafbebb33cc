using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Publish;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Live;

namespace LoadOps.Cloud.Tests.Publish;

public sealed class LiveProgressMarkdownTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);

    private static RunRecord Run() => new()
    {
        RunId = "checkout-abc",
        TestName = "checkout",
        Repo = "octo-org/shop",
        DefinitionHash = "hash",
        Commit = "6dcb09b5b57875f334f61aebed695e2e4193db5e",
        Trigger = RunTrigger.PullRequest,
        CreatedAt = Start,
        UpdatedAt = Start,
    };

    private static LiveFigures Figures(int intervals = 3, int errorKinds = 1) => new()
    {
        AsOf = Start.AddSeconds(12),
        ElapsedSeconds = 12.4,
        TotalSeconds = 90,
        ShardsReporting = 2,
        ShardCount = 3,
        Requests = 1234,
        Rps = 98.7,
        P50Ms = 2.1,
        P95Ms = 7.25,
        P99Ms = 15,
        Failed = 4,
        ErrorsByKind = Enumerable.Range(0, errorKinds).ToDictionary(i => i == 0 ? "timeout" : $"check:❌-{i}", i => 4L),
        Dropped = 1,
        Locations = [new LiveLocation("azure/westeurope", 800, 64, 2, 7, 14, 3), new LiveLocation("pool/lab", 434, 34.7, 2.2, 7.5, 16, 1)],
        Intervals = [.. Enumerable.Range(0, intervals).Select(i => new LivePoint(Start.AddSeconds(5 * i), 10 * (i + 1), 5, 0))],
    };

    [Fact]
    public void The_title_says_how_far_the_run_is_with_requests_and_p95()
    {
        Assert.Equal("Running: 0:12 of 1:30, 1234 requests, p95 7.25ms", LiveProgressMarkdown.Title(Figures()));
    }

    [Fact]
    public void The_summary_has_the_figures_errors_by_kind_each_location_and_a_chart()
    {
        var summary = LiveProgressMarkdown.Summary(Run(), Figures());

        Assert.StartsWith("### ⏳ LoadOps checkout: running\n", summary, StringComparison.Ordinal);
        Assert.Contains("0:12 of 1:30 elapsed; 2 of 3 shards reporting; figures as of 03:00:12 UTC (run `checkout-abc`).", summary, StringComparison.Ordinal);
        Assert.Contains("| 1234 | 98.7 | 2.1ms | 7.25ms | 15ms | 4 | 1 |", summary, StringComparison.Ordinal);
        Assert.Contains("Errors by kind: `timeout` 4", summary, StringComparison.Ordinal);
        Assert.Contains("| azure/westeurope | 800 | 64 | 2ms | 7ms | 14ms | 3 |", summary, StringComparison.Ordinal);
        Assert.Contains("| pool/lab | 434 | 34.7 | 2.2ms | 7.5ms | 16ms | 1 |", summary, StringComparison.Ordinal);
        Assert.Contains("```\nrps ▃▆█\np95 ███\n```", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_with_one_interval_so_far_has_no_chart_and_no_error_line_without_errors()
    {
        var summary = LiveProgressMarkdown.Summary(Run(), Figures(intervals: 1, errorKinds: 0));

        Assert.DoesNotContain("```", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Errors by kind", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_chart_scales_to_the_largest_value_leaves_gaps_for_missing_ones_and_keeps_the_newest_intervals()
    {
        Assert.Equal("▁▅█ ", LiveProgressMarkdown.Spark([0, 5, 10, null]));
        Assert.Equal("▁▁", LiveProgressMarkdown.Spark([0, 0]));

        var summary = LiveProgressMarkdown.Summary(Run(), Figures(intervals: 200));
        var rps = summary.Split('\n').Single(l => l.StartsWith("rps ", StringComparison.Ordinal));
        Assert.Equal(LiveProgressMarkdown.ChartWidth, rps.Length - "rps ".Length);
    }

    [Fact]
    public void A_summary_past_GitHubs_limit_is_cut_on_whole_characters_within_65535_bytes()
    {
        // Thousands of three-byte check names: far beyond what a check run summary may hold.
        var summary = LiveProgressMarkdown.Summary(Run(), Figures(errorKinds: 6000));
        Assert.True(Utf8Limit.ByteCount(summary) > CheckRunPublisher.MaxSummaryBytes);

        var cut = CheckRunPublisher.Truncate(summary);

        Assert.True(Utf8Limit.ByteCount(cut) <= CheckRunPublisher.MaxSummaryBytes);
        Assert.Contains("*Report truncated", cut, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', cut);
    }
}
