namespace LoadOps.Cli.Tests.Report;

public sealed class HistoryReportTests : IDisposable
{
    private static readonly DateTimeOffset Night = new(2025, 3, 1, 3, 0, 0, TimeSpan.Zero);
    private readonly ResultFixtures _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Twelve nightly runs of 'checkout' on main whose median steps up 30% at night-06, which was accepted.</summary>
    private string History() => WriteHistory(_files);

    internal static string WriteHistory(ResultFixtures files)
    {
        double[] medians = [100_000, 101_000, 99_000, 100_500, 99_500, 100_000, 131_000, 129_000, 130_500, 130_000, 131_500, 129_500];
        var folder = Directory.CreateDirectory(files.Path("history/checkout/main")).FullName;
        for (var i = 0; i < medians.Length; i++)
        {
            var path = files.Write($"history/checkout/main/night-{i:00}.json", medians[i], runId: $"night-{i:00}", start: Night.AddDays(i), commit: $"c{i:00}abcdef");
            File.WriteAllText(Path.ChangeExtension(path, ".verdict"), i == 6 ? "Regression" : "Pass");
        }
        File.WriteAllText(Path.Combine(folder, "night-06.accepted"), "{}");
        return files.Path("history");
    }

    [Fact]
    public async Task Html_history_marks_the_shift_and_the_accepted_run_and_compares_the_newest_two()
    {
        var (exit, output, error) = await CliRun.RunAsync("report", "--history", History(), "--test", "checkout", "--format", "html");
        Assert.True(exit == 0, error);
        Assert.Contains("<h1>History of checkout</h1>", output, StringComparison.Ordinal);
        Assert.Contains("<td>p95</td><td>night-06</td><td>c06abcd</td>", output, StringComparison.Ordinal);
        Assert.Contains("accepted baseline: run night-06", output, StringComparison.Ordinal);
        Assert.Contains("trigger local · regression · accepted baseline", output, StringComparison.Ordinal);
        Assert.Contains("<th>night-10<br>", output, StringComparison.Ordinal);
        Assert.Contains("<th>night-11<br>", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_compares_the_runs_asked_for_with_deltas()
    {
        var root = History();
        var (exit, output, error) = await CliRun.RunAsync("report", "--history", Path.Combine(root, "checkout"), "--compare", "night-00,night-11", "--format", "md");
        Assert.True(exit == 0, error);
        Assert.Contains("| metric | night-00 (c00abcd) | night-11 (c11abcd) |", output, StringComparison.Ordinal);
        Assert.Contains("| p50 | ", output, StringComparison.Ordinal);
        Assert.Contains("🔴", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_run_to_compare_is_a_usage_error_naming_the_runs_there()
    {
        var (exit, _, error) = await CliRun.RunAsync("report", "--history", Path.Combine(History(), "checkout"), "--compare", "night-99", "--format", "md");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--compare: run 'night-99' is not in the history of 'checkout'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_history_folder_names_the_folder_and_the_fix()
    {
        var (exit, _, error) = await CliRun.RunAsync("report", "--history", History(), "--test", "nosuch", "--format", "html");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("nosuch: no such folder", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_history_renders_only_as_html_or_markdown()
    {
        var (exit, _, error) = await CliRun.RunAsync("report", "--history", Path.Combine(History(), "checkout"), "--format", "junit");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--format html or md", error, StringComparison.Ordinal);
    }
}
