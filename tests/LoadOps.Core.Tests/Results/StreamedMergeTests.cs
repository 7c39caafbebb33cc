using System.Text;
using System.Text.Json;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Core.Tests.Results;

/// <summary>The merge that reads result files from their bytes must give exactly what reading them as objects gives.</summary>
public sealed class StreamedMergeTests
{
    private static readonly string[] Locations = ["azure/westeurope", "aws/us-east-1", "pool/lab"];

    [Theory]
    [InlineData(5, 1, true)]
    [InlineData(40, 2, false)] // more than one batch, compact files
    public async Task Streamed_merge_equals_the_object_merge_byte_for_byte(int shardCount, int seed, bool indented)
    {
        var shards = RandomShards(shardCount, seed);
        var objects = new ResultAccumulator();
        var streamed = new ResultAccumulator();
        foreach (var (shard, i) in shards.Select((s, i) => (s, i)))
        {
            Assert.Null(objects.Add(shard, $"{i}.json"));
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(shard, indented ? LoadOpsJson.Options : LoadOpsJson.Compact)));
            Assert.Null(await streamed.AddAsync(stream, $"{i}.json", TestContext.Current.CancellationToken));
        }

        var expected = JsonSerializer.Serialize(objects.Build(), LoadOpsJson.Options);
        var actual = JsonSerializer.Serialize(streamed.Build(), LoadOpsJson.Options);
        Assert.Equal(expected, actual);
        Assert.Equal(shardCount, streamed.InputCount);
    }

    [Fact]
    public void A_merged_result_with_overall_and_per_location_steps_merges_again_like_the_object_path()
    {
        var first = new ResultAccumulator();
        foreach (var (shard, i) in RandomShards(6, 3).Select((s, i) => (s, i)))
            first.Add(shard, $"{i}");
        var merged = first.Build();
        var extra = RandomShards(1, 4)[0] with { ShardId = "extra" };

        var objects = new ResultAccumulator();
        objects.Add(merged, "merged");
        objects.Add(extra, "extra");
        var streamed = new ResultAccumulator();
        Assert.Null(streamed.Add(Encoding.UTF8.GetBytes(LoadOpsJson.Serialize(merged)), "merged"));
        Assert.Null(streamed.Add(Encoding.UTF8.GetBytes(LoadOpsJson.Serialize(extra)), "extra"));

        Assert.Equal(LoadOpsJson.Serialize(objects.Build()), LoadOpsJson.Serialize(streamed.Build()));
    }

    [Fact]
    public void Properties_in_another_order_and_letter_case_are_read()
    {
        var shard = RandomShards(1, 5)[0];
        var node = JsonSerializer.SerializeToNode(shard, LoadOpsJson.Options)!.AsObject();
        var reordered = new System.Text.Json.Nodes.JsonObject();
        foreach (var (key, value) in node.Reverse().ToList())
        {
            node.Remove(key);
            reordered[key == "steps" ? "Steps" : key] = value;
        }
        var streamed = new ResultAccumulator();
        Assert.Null(streamed.Add(Encoding.UTF8.GetBytes(reordered.ToJsonString()), "reordered.json"));
        var objects = new ResultAccumulator();
        objects.Add(shard, "shard.json");

        Assert.Equal(LoadOpsJson.Serialize(objects.Build()), LoadOpsJson.Serialize(streamed.Build()));
    }

    [Theory]
    [InlineData("{\"version\":1,", "not a valid result file at line 1")]
    [InlineData("null", "JSON null")]
    [InlineData("{\"version\":1,\"runId\":\"r\",\"definition\":\"d\",\"definitionHash\":\"h\",\"start\":\"2025-03-01T12:00:00Z\",\"end\":\"2025-03-01T12:00:05Z\"}", "'steps' missing")]
    [InlineData("{\"version\":2,\"runId\":\"r\",\"definition\":\"d\",\"definitionHash\":\"h\",\"start\":\"2025-03-01T12:00:00Z\",\"end\":\"2025-03-01T12:00:05Z\",\"steps\":[]}", "version 2 is not supported")]
    [InlineData("{\"runId\":\"r\",\"definition\":\"d\",\"definitionHash\":\"h\",\"start\":\"2025-03-01T12:00:00Z\",\"end\":\"2025-03-01T12:00:05Z\",\"steps\":[{\"scenario\":\"s\",\"step\":\"pay\",\"intervals\":[{\"start\":\"2025-03-01T12:00:00Z\",\"ok\":\"many\",\"histogram\":\"\"}]}]}", "(field steps[0].intervals[0].Ok)")]
    [InlineData("{\"runId\":\"r\",\"definition\":\"d\",\"definitionHash\":\"h\",\"start\":\"2025-03-01T12:00:00Z\",\"end\":\"2025-03-01T12:00:05Z\",\"steps\":[{\"scenario\":\"s\",\"step\":\"pay\",\"intervals\":[{\"start\":\"2025-03-01T12:00:00Z\",\"histogram\":\"AAAA\"}]}]}", "step 'pay', interval 2025-03-01T12:00:00.0000000+00:00: The latency histogram is damaged")]
    [InlineData("{\"runId\":\"r\",\"definition\":\"d\",\"definitionHash\":\"h\",\"start\":\"2025-03-01T12:00:00Z\",\"end\":\"2025-03-01T12:00:05Z\",\"steps\":[{\"scenario\":\"s\",\"step\":\"pay\",\"intervals\":[{\"start\":\"2025-03-01T12:00:00Z\",\"histogram\":\"not base64!\"}]}]}", "not valid base64")]
    public void Bad_files_become_problems_naming_where_and_nothing_is_kept(string json, string expected)
    {
        var accumulator = new ResultAccumulator();
        Assert.Null(accumulator.Add(ResultFiles.Shard("a", "local", new Dictionary<(string, int), List<long>> { [("pay", 0)] = [1_000] }), "a.json"));

        var problem = accumulator.Add(Encoding.UTF8.GetBytes(json), "bad.json");

        Assert.NotNull(problem);
        Assert.Equal("bad.json", problem.Source);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Equal(1, accumulator.InputCount);
        Assert.Equal(1, ResultSummarizer.Summarize(accumulator.Build()).Overall.Totals.Total);
    }

    [Fact]
    public void A_shard_seen_twice_or_of_another_run_is_refused_on_the_streamed_path_too()
    {
        var data = new Dictionary<(string, int), List<long>> { [("pay", 0)] = [1_000, 2_000] };
        var accumulator = new ResultAccumulator();
        Assert.Null(accumulator.Add(Encoding.UTF8.GetBytes(LoadOpsJson.Serialize(ResultFiles.Shard("a", "local", data))), "a.json"));

        var twice = accumulator.Add(Encoding.UTF8.GetBytes(LoadOpsJson.Serialize(ResultFiles.Shard("a", "local", data))), "again.json");
        var otherRun = accumulator.Add(Encoding.UTF8.GetBytes(LoadOpsJson.Serialize(ResultFiles.Shard("b", "local", data, runId: "run-2"))), "b.json");

        Assert.Contains("already merged from a.json", twice!.Message, StringComparison.Ordinal);
        Assert.Contains("run id 'run-2'", otherRun!.Message, StringComparison.Ordinal);
        Assert.Equal(1, accumulator.InputCount);
        Assert.Equal(2, ResultSummarizer.Summarize(accumulator.Build()).Overall.Totals.Total);
    }

    private static List<ResultFile> RandomShards(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(s =>
        {
            var data = new Dictionary<(string, int), List<long>>();
            foreach (var step in new[] { "browse", "pay" })
            {
                for (var i = 0; i < 4; i++)
                    data[(step, i)] = [.. Enumerable.Range(0, random.Next(0, 300)).Select(_ => ResultFiles.SkewedLatency(random))];
            }
            return ResultFiles.Shard($"s{s}-{seed}", Locations[s % 3], data) with
            {
                Health = [new HealthSample { Start = ResultFiles.Start, Cpu = random.NextDouble(), Scheduled = 100 }],
                TrustIssues = s == 1 ? [new TrustIssue("cpu-saturated", "CPU at 97%")] : [],
            };
        })];
    }
}
