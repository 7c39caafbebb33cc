using LoadOps.Cli.Merge;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Cli.Tests.Merge;

public sealed class MergeCommandTests : IDisposable
{
    private readonly ResultFixtures _files = new();

    [Fact]
    public async Task Merges_shards_into_one_run_result()
    {
        var a = _files.Write("a.json", 10_000, shardId: "a");
        var b = _files.Write("b.json", 20_000, shardId: "b");
        var (exit, output, error) = await ResultFixtures.RunAsync(MergeCommand.Create(), a, b, "--out", _files.Path("out/run.json"));

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Empty(error);
        Assert.Contains("merged 2 result(s), 2 shard(s)", output, StringComparison.Ordinal);
        var merged = LoadOpsJson.Deserialize<ResultFile>(File.ReadAllText(_files.Path("out/run.json")));
        Assert.Equal(800, ResultSummarizer.Summarize(merged).Overall.Totals.Total);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var missing = _files.Path("nope.json");
        var (exit, _, error) = await ResultFixtures.RunAsync(MergeCommand.Create(), missing, "--out", _files.Path("o.json"));
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal($"error: {missing}: file not found.", error.Trim());
    }

    [Fact]
    public async Task Malformed_json_names_the_file_and_the_line()
    {
        var bad = _files.WriteText("bad.json", "{\n  \"runId\": \"r\",\n  \"steps\": [ oops ]\n}");
        var (exit, _, error) = await ResultFixtures.RunAsync(MergeCommand.Create(), bad, "--out", _files.Path("o.json"));
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(bad, error, StringComparison.Ordinal);
        Assert.Contains("not a valid result file at line 3", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_version_is_refused()
    {
        var future = _files.Write("v2.json", 10_000, shardId: "a", version: 2);
        var (exit, _, error) = await ResultFixtures.RunAsync(MergeCommand.Create(), future, "--out", _files.Path("o.json"));
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("v2.json: result file version 2 is not supported", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_of_another_run_are_refused_by_name()
    {
        var a = _files.Write("a.json", 10_000, shardId: "a");
        var other = _files.Write("other.json", 10_000, runId: "run-9", shardId: "b");
        var (exit, _, error) = await ResultFixtures.RunAsync(MergeCommand.Create(), a, other, "--out", _files.Path("o.json"));
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("other.json: run id 'run-9' differs", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_files.Path("o.json")));
    }

    [Fact]
    public async Task Without_out_or_inputs_it_is_a_usage_error()
    {
        var a = _files.Write("a.json", 10_000, shardId: "a");
        Assert.Equal(ExitCodes.Usage, (await ResultFixtures.RunAsync(MergeCommand.Create(), a)).Exit);
        Assert.Equal(ExitCodes.Usage, (await ResultFixtures.RunAsync(MergeCommand.Create(), "--out", _files.Path("o.json"))).Exit);
    }

    public void Dispose() => _files.Dispose();
}
