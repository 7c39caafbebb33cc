using System.Text.Json;
using LoadOps.Cli.Compare;

namespace LoadOps.Cli.Tests.Compare;

public sealed class CompareCommandTests : IDisposable
{
    private static readonly double[] BaselineMedians = [100_000, 102_000, 98_000, 101_000, 99_000, 100_500];
    private readonly ResultFixtures _files = new();

    private string[] Baseline(int runs) =>
        [.. BaselineMedians.Take(runs).Select((m, i) => _files.Write($"base-{i}.json", m, runId: $"base-{i}"))];

    private static string[] Args(string[] baseline, string current, params string[] more) =>
        ["--baseline", .. baseline, "--current", current, "--metrics", "p50,p95", .. more];

    [Fact]
    public async Task A_regression_exits_1_with_a_table()
    {
        var current = _files.Write("pr.json", 150_000, runId: "pr");
        var (exit, output, _) = await ResultFixtures.RunAsync(CompareCommand.Create(), Args(Baseline(6), current));
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.StartsWith("verdict: regression (6 baseline run(s))", output, StringComparison.Ordinal);
        Assert.Contains("main/pay", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_change_exits_0()
    {
        var current = _files.Write("pr.json", 100_200, runId: "pr");
        var (exit, output, _) = await ResultFixtures.RunAsync(CompareCommand.Create(), Args(Baseline(6), current));
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith("verdict: pass", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_little_history_exits_3()
    {
        var current = _files.Write("pr.json", 150_000, runId: "pr");
        var (exit, output, _) = await ResultFixtures.RunAsync(CompareCommand.Create(), Args(Baseline(2), current, "--format", "md"));
        Assert.Equal(ExitCodes.Inconclusive, exit);
        Assert.StartsWith("**Verdict: inconclusive**", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_carries_the_verdict_and_each_comparison()
    {
        var current = _files.Write("pr.json", 150_000, runId: "pr");
        var (_, output, _) = await ResultFixtures.RunAsync(CompareCommand.Create(), Args(Baseline(6), current, "--format", "json", "--tolerance", "10%"));
        using var json = JsonDocument.Parse(output);
        Assert.Equal("regression", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(0.1, json.RootElement.GetProperty("tolerance").GetDouble());
        Assert.Equal(4, json.RootElement.GetProperty("comparisons").GetArrayLength());
    }

    [Theory]
    [InlineData("--metrics", "p59", "unknown metric 'p59' (did you mean 'p50'?)")]
    [InlineData("--tolerance", "five", "--tolerance: 'five' is not a percentage")]
    // The bug this pins: --tolerance 10 was read as 1000% and let a +64% regression pass.
    [InlineData("--tolerance", "10", "--tolerance: '10' has no unit and would be read as a fraction (1000%); write 10% (or the fraction 0.1)")]
    [InlineData("--format", "xml", "--format 'xml' is not known")]
    public async Task Bad_options_exit_2_with_a_fix(string option, string value, string expected)
    {
        var current = _files.Write("pr.json", 100_000, runId: "pr");
        var (exit, _, error) = await ResultFixtures.RunAsync(CompareCommand.Create(), "--baseline", Baseline(3)[0], "--current", current, option, value);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gzip_history_that_run_writes_is_read_file_by_file_or_as_a_folder()
    {
        // The bug this pins: compare refused the .json.gz history that loadops run itself keeps.
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(Baseline(1)[0])!, "history")).FullName;
        foreach (var path in Baseline(6))
        {
            await using var input = File.OpenRead(path);
            await using var output = File.Create(Path.Combine(folder, Path.GetFileName(path) + ".gz"));
            await using var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest);
            await input.CopyToAsync(gzip, TestContext.Current.CancellationToken);
        }
        var current = _files.Write("pr.json", 150_000, runId: "pr");

        var (exit, output2, error) = await ResultFixtures.RunAsync(CompareCommand.Create(), "--baseline", folder, "--current", current, "--metrics", "p50");
        Assert.True(exit == ExitCodes.Failed, output2 + error);
        Assert.StartsWith("verdict: regression (6 baseline run(s))", output2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_files_exit_2_naming_the_file()
    {
        var current = _files.Write("pr.json", 100_000, runId: "pr");
        var broken = _files.WriteText("broken.json", "{ not json");
        var other = _files.Write("other.json", 100_000, runId: "x", definition: "search");

        var missing = await ResultFixtures.RunAsync(CompareCommand.Create(), "--baseline", Baseline(3)[0]);
        var malformed = await ResultFixtures.RunAsync(CompareCommand.Create(), "--baseline", broken, "--current", current);
        var mixed = await ResultFixtures.RunAsync(CompareCommand.Create(), "--baseline", other, "--current", current);

        Assert.Equal((ExitCodes.Usage, ExitCodes.Usage, ExitCodes.Usage), (missing.Exit, malformed.Exit, mixed.Exit));
        Assert.Contains("--current RESULT is required", missing.Error, StringComparison.Ordinal);
        Assert.Contains("broken.json: not a valid result file", malformed.Error, StringComparison.Ordinal);
        Assert.Contains("other.json: is a run of 'search'", mixed.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
