using LoadOps.Core.Definitions;
using LoadOps.Core.Reports;
using LoadOps.Core.Reports.Trends;

namespace LoadOps.Core.Tests.Reports.Trends;

public sealed class TrendRendererTests
{
    private static TrendModel Model(params string[] compare)
    {
        var (model, problem) = TrendModelBuilder.Build("checkout", TrendSamples.Shifted(), compare, 0.05, TrendSamples.Start.AddDays(9));
        Assert.Null(problem);
        return model!;
    }

    [Fact]
    public void Finds_the_p95_shift_at_the_run_where_it_began()
    {
        var model = Model();
        var p95 = Assert.Single(model.ChangePoints, c => c.Metric == Metric.P95);
        Assert.Equal("run-5", p95.RunId);
        Assert.True(p95.Worse);
        Assert.InRange(p95.RelativeChange, 0.45, 0.55);
    }

    [Fact]
    public void Html_marks_change_points_and_accepted_baselines_and_names_each_run_on_hover()
    {
        var html = Render(Model(), ReportFormat.Html);
        Assert.Contains("change point: p95 +50", html, StringComparison.Ordinal);
        Assert.Contains("accepted baseline: run run-5 (commit c5aaaaa)", html, StringComparison.Ordinal);
        Assert.Contains("run run-2 · commit c2aaaaa · branch main · trigger push · pass", html, StringComparison.Ordinal);
        Assert.Contains("<td>p95</td><td>run-5</td><td>c5aaaaa</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Side_by_side_colours_a_slower_p95_worse_and_a_lower_error_rate_better()
    {
        var html = Render(Model("run-1", "run-8"), ReportFormat.Html);
        Assert.Contains("<td class=\"num worse\">30ms (+48.8%)</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num worse\">2% (+2 points)</td>", html, StringComparison.Ordinal);
        var reversed = Render(Model("run-8", "run-1"), ReportFormat.Html);
        Assert.Contains("<td class=\"num better\">2", reversed, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparing_a_run_not_in_the_history_names_the_runs_that_are()
    {
        var (model, problem) = TrendModelBuilder.Build("checkout", TrendSamples.Shifted(), ["run-99"], 0.05, TrendSamples.Start);
        Assert.Null(model);
        Assert.Contains("run 'run-99' is not in the history of 'checkout'", problem, StringComparison.Ordinal);
        Assert.Contains("run-8", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_short_a_history_says_how_many_runs_a_shift_needs()
    {
        var (model, _) = TrendModelBuilder.Build("checkout", [.. TrendSamples.Shifted().Take(4)], [], 0.05, TrendSamples.Start);
        Assert.Empty(model!.ChangePoints);
        Assert.Contains("at least 6 are needed", Render(model, ReportFormat.Markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_lists_runs_newest_first_with_marks()
    {
        var markdown = Render(Model(), ReportFormat.Markdown);
        Assert.True(markdown.IndexOf("| run-8 |", StringComparison.Ordinal) < markdown.IndexOf("| run-1 |", StringComparison.Ordinal));
        Assert.Contains("✅ accepted ⚠️ p50 +50.1%; p95 +50.1%", markdown, StringComparison.Ordinal);
        Assert.Contains("🔴 30ms (+48.8%)", Render(Model("run-1", "run-8"), ReportFormat.Markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void Branch_names_are_escaped_in_html()
    {
        var entries = TrendSamples.Shifted().Select(e => e with { Branch = "<script>alert(1)</script>" }).ToList();
        var (model, _) = TrendModelBuilder.Build("checkout", entries, [], 0.05, TrendSamples.Start);
        var html = Render(model!, ReportFormat.Html);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    private static string Render(TrendModel model, ReportFormat format)
    {
        var outcome = new TrendRenderer().Render(model, format);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
        if (Environment.GetEnvironmentVariable("TREND_DUMP") is { } dump)
            File.WriteAllText(dump + "." + format, outcome.Text);
        return outcome.Text!;
    }
}
