using System.IO.Compression;
using System.Text.Json;
using LoadOps.Cli.Compare;

namespace LoadOps.Cli.Tests.Compare;

public sealed class SeriesCommandTests : IDisposable
{
    private static readonly DateTimeOffset Night = new(2025, 3, 1, 3, 0, 0, TimeSpan.Zero);
    private readonly ResultFixtures _files = new();

    /// <summary>Nightly runs with the given medians (µs); run i has commit c{i} and starts i days after the first.</summary>
    private string[] Nights(params double[] medians) =>
        [.. medians.Select((m, i) => _files.Write($"night-{i:00}.json", m, runId: $"night-{i:00}", start: Night.AddDays(i), commit: $"c{i:00}abcdef"))];

    [Fact]
    public async Task A_shift_for_the_worse_names_the_run_commit_and_time_and_exits_1()
    {
        var files = Nights(100_000, 101_000, 99_000, 100_500, 99_500, 100_000, 131_000, 129_000, 130_500, 130_000, 131_500, 129_500);
        // Given out of order: the series is ordered by start time, not by the command line.
        var (exit, output, _) = await ResultFixtures.RunAsync(CompareCommand.Create(), ["--series", .. files.Reverse()]);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.StartsWith("series: 1 shift(s) in 12 runs, first for the worse at run night-06", output, StringComparison.Ordinal);
        Assert.Contains("night-06", output, StringComparison.Ordinal);
        Assert.Contains("c06abcdef", output, StringComparison.Ordinal);
        Assert.Contains("2025-03-07 03:00", output, StringComparison.Ordinal);
        Assert.Contains("worse", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shift_for_the_better_exits_0_and_json_carries_it()
    {
        var files = Nights(130_000, 131_000, 129_000, 130_500, 129_500, 130_000, 100_000, 99_000, 100_500, 101_000, 99_500, 100_000);
        var (exit, output, _) = await ResultFixtures.RunAsync(CompareCommand.Create(), "--series", _files.Path(""), "--format", "json");

        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(output);
        var shift = Assert.Single(json.RootElement.GetProperty("shifts").EnumerateArray());
        Assert.Equal("night-06", shift.GetProperty("runId").GetString());
        Assert.Equal("c06abcdef", shift.GetProperty("commit").GetString());
        Assert.Equal("better", shift.GetProperty("direction").GetString());
        Assert.InRange(shift.GetProperty("relativeChange").GetDouble(), -0.3, -0.2);
        Assert.Equal("pass", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(files.Length, json.RootElement.GetProperty("runs").GetInt32());
    }

    [Fact]
    public async Task A_steady_series_exits_0_in_markdown()
    {
        var files = Nights(100_000, 101_000, 99_000, 100_500, 99_500, 100_000, 100_800, 99_200);
        var (exit, output, _) = await ResultFixtures.RunAsync(CompareCommand.Create(), ["--series", .. files, "--format", "md"]);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith("**Series: no shift in 8 runs**", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_little_history_exits_3()
    {
        var files = Nights(100_000, 101_000, 150_000, 151_000);
        var (exit, output, _) = await ResultFixtures.RunAsync(CompareCommand.Create(), ["--series", .. files]);
        Assert.Equal(ExitCodes.Inconclusive, exit);
        Assert.Contains("too little history: 4 usable run(s), at least 6 needed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_history_folder_of_gzip_files_is_read()
    {
        var files = Nights(100_000, 101_000, 99_000, 100_500, 99_500, 100_000, 131_000, 129_000, 130_500, 130_000, 131_500, 129_500);
        var folder = Directory.CreateDirectory(_files.Path("history"));
        foreach (var file in files)
        {
            await using var target = File.Create(Path.Combine(folder.FullName, Path.GetFileName(file) + ".gz"));
            await using var gzip = new GZipStream(target, CompressionLevel.Fastest);
            await gzip.WriteAsync(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        }
        var (exit, output, _) = await ResultFixtures.RunAsync(CompareCommand.Create(), "--series", folder.FullName, "--metrics", "p95,rps");
        Assert.True(exit == ExitCodes.Failed, output);
        Assert.Contains("night-06", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--baseline")]
    [InlineData("--current")]
    public async Task Series_with_a_baseline_or_current_is_a_usage_error(string other)
    {
        var files = Nights(100_000, 101_000, 99_000, 100_500, 99_500, 100_000);
        var (exit, _, error) = await ResultFixtures.RunAsync(CompareCommand.Create(), ["--series", .. files, other, files[0]]);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--series cannot be combined", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_inputs_exit_2_naming_the_file()
    {
        var files = Nights(100_000, 101_000, 99_000, 100_500, 99_500, 100_000);
        var other = _files.Write("other.json", 100_000, runId: "x", definition: "search", start: Night.AddDays(30));
        var broken = _files.WriteText("broken.json", "{ nope");

        var mixed = await ResultFixtures.RunAsync(CompareCommand.Create(), ["--series", .. files, other]);
        var unreadable = await ResultFixtures.RunAsync(CompareCommand.Create(), ["--series", .. files, broken]);
        var twice = await ResultFixtures.RunAsync(CompareCommand.Create(), ["--series", .. files, files[0]]);
        var metric = await ResultFixtures.RunAsync(CompareCommand.Create(), ["--series", .. files, "--metrics", "p96"]);

        Assert.Equal((ExitCodes.Usage, ExitCodes.Usage, ExitCodes.Usage, ExitCodes.Usage), (mixed.Exit, unreadable.Exit, twice.Exit, metric.Exit));
        Assert.Contains("other.json: is a run of 'search'", mixed.Error, StringComparison.Ordinal);
        Assert.Contains("broken.json: not a valid result file", unreadable.Error, StringComparison.Ordinal);
        Assert.Contains("run 'night-00' is given 2 times", twice.Error, StringComparison.Ordinal);
        Assert.Contains("unknown metric 'p96'", metric.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_current_runs_are_compared_by_their_mean()
    {
        var baseline = Nights(100_000, 102_000, 98_000, 101_000, 99_000, 100_500);
        string[] repeats = [_files.Write("pr-1.json", 100_300, runId: "pr-1"), _files.Write("pr-2.json", 100_100, runId: "pr-2")];
        var (exit, output, _) = await ResultFixtures.RunAsync(CompareCommand.Create(), ["--baseline", .. baseline, "--current", .. repeats, "--metrics", "p95", "--format", "json"]);

        using var json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("comparisons")[0].GetProperty("candidateRuns").GetInt32());
        Assert.Contains(json.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("mean of 2 runs", StringComparison.Ordinal));
        Assert.NotEqual(ExitCodes.Usage, exit);
    }

    public void Dispose() => _files.Dispose();
}
