using LoadOps.Cli.Gate;
using LoadOps.Cloud.Api;
using LoadOps.Pipeline;

namespace LoadOps.Cli.Tests.Gate;

public sealed class GateReportTests
{
    private static readonly GateOptions Options = new(new Uri("http://api.test"), "tok", TimeSpan.FromMinutes(30), "/tmp/out", "octo/shop", "abcdef1", "main");

    [Fact]
    public void Finished_runs_show_their_own_report_or_why_they_have_none()
    {
        var runs = new[]
        {
            GateRuns.View("checkout-1", RunOutcome.Pass),
            GateRuns.View("search-2", RunOutcome.Invalid, RunStatus.Failed, "The definition is invalid: loadtests/search.loadtest.yaml:3:1: error LO001 ..."),
            GateRuns.View("cart-3", RunOutcome.Incomplete, RunStatus.TimedOut, "no shard reported"),
        };

        var markdown = GateReport.Markdown(Options, runs, finished: true, new Dictionary<string, string> { ["checkout-1"] = "### ✅ LoadOps checkout: Pass\n" });

        Assert.StartsWith("### ✅ LoadOps checkout: Pass", markdown, StringComparison.Ordinal);
        Assert.Contains("### ⚠️ LoadOps search: Invalid definition", markdown, StringComparison.Ordinal);
        Assert.Contains("Run `search-2` failed: The definition is invalid: loadtests/search.loadtest.yaml:3:1", markdown, StringComparison.Ordinal);
        Assert.Contains("### ⚠️ LoadOps cart: Incomplete", markdown, StringComparison.Ordinal);
        Assert.Contains("Run `cart-3` timed out: no shard reported", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(GateReport.TimeoutHeading, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timeout_says_so_first_and_lists_where_each_run_was()
    {
        var runs = new[] { GateRuns.View("checkout-1", RunOutcome.Pending) };

        var markdown = GateReport.Markdown(Options, runs, finished: false, new Dictionary<string, string>());

        Assert.StartsWith(GateReport.TimeoutHeading, markdown, StringComparison.Ordinal);
        Assert.Contains("No verdict within 30m:", markdown, StringComparison.Ordinal);
        Assert.Contains("- checkout (`checkout-1`): running", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timeout_without_any_run_points_at_the_webhook()
    {
        var markdown = GateReport.Markdown(Options with { Timeout = TimeSpan.FromSeconds(90) }, [], finished: false, new Dictionary<string, string>());
        Assert.Contains("No verdict within 90s: no run was started for octo/shop at `abcdef1`", markdown, StringComparison.Ordinal);
        Assert.Contains("webhook", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_names_the_deciding_run_and_every_run()
    {
        var runs = new[] { GateRuns.View("checkout-1", RunOutcome.Pass), GateRuns.View("search-2", RunOutcome.Fail) };

        var summary = GateReport.Summary(Options, runs, GateVerdict.Decide(runs, finished: true));

        Assert.Equal(("fail", 1, "search-2", "reported"), (summary.Verdict, summary.ExitCode, summary.RunId, summary.Status));
        Assert.Equal(26.4, summary.P95DeltaPercent);
        Assert.Equal("http://api.test/api/runs/search-2/report.html", summary.ReportUrl);
        Assert.Equal(["pass", "fail"], summary.Runs.Select(r => r.Outcome));
        Assert.Equal("regression", summary.Runs[1].Verdict);
    }
}
