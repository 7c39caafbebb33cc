using System.Text;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Core.Tests.Results;

/// <summary>Status codes, error kinds, samples and iterations merge like the histograms: exactly, and whatever the input order.</summary>
public sealed class OutcomeMergeTests
{
    private static ResultFile Shard(string id, long ok200, long status503, long refused, string refusedSample, long iterations)
    {
        var shard = ResultFiles.Shard(id, "local", new Dictionary<(string Step, int Interval), List<long>> { [("pay", 0)] = [1000, 2000] });
        var interval = shard.Steps[0].Intervals[0] with
        {
            StatusCodes = new Dictionary<string, long> { ["200"] = ok200, ["503"] = status503 },
            Errors = new Dictionary<string, long> { [ErrorKinds.Status] = status503, [ErrorKinds.Refused] = refused },
            ErrorSamples = new Dictionary<string, string> { [ErrorKinds.Status] = "status 503", [ErrorKinds.Refused] = refusedSample },
        };
        return shard with
        {
            Steps = [shard.Steps[0] with { Intervals = [interval] }],
            Health = [new HealthSample { Start = ResultFiles.Start, Iterations = iterations, Dropped = 1, Scheduled = 10 }],
        };
    }

    private static readonly ResultFile[] Shards =
    [
        Shard("s1", 10, 2, 1, "cannot connect: b", 5),
        Shard("s2", 7, 0, 3, "cannot connect: a", 4),
        Shard("s3", 1, 4, 0, "cannot connect: c", 2),
    ];

    [Fact]
    public void Counts_add_per_code_and_kind_and_iterations_add_per_interval()
    {
        var accumulator = new ResultAccumulator();
        foreach (var shard in Shards)
            Assert.Null(accumulator.Add(shard, shard.ShardId!));

        var merged = accumulator.Build();
        var overall = merged.Steps.Single(s => s.Location is null).Intervals.Single();
        Assert.Equal(new Dictionary<string, long> { ["200"] = 18, ["503"] = 6 }, overall.StatusCodes);
        Assert.Equal(new Dictionary<string, long> { [ErrorKinds.Refused] = 4, [ErrorKinds.Status] = 6 }, overall.Errors);
        Assert.Equal("cannot connect: a", overall.ErrorSamples![ErrorKinds.Refused]);
        Assert.Equal(11, merged.Health.Single().Iterations);

        var summary = ResultSummarizer.Summarize(merged);
        Assert.Equal(6, summary.Overall.Outcomes.StatusCodes["503"]);
        Assert.Equal(11, summary.Overall.Totals.Iterations);
    }

    [Fact]
    public void The_merged_file_is_the_same_in_any_input_order_and_on_the_streamed_path()
    {
        string Merge(IEnumerable<ResultFile> inputs, bool streamed)
        {
            var accumulator = new ResultAccumulator();
            foreach (var input in inputs)
            {
                var problem = streamed
                    ? accumulator.Add(Encoding.UTF8.GetBytes(LoadOpsJson.Serialize(input)), input.ShardId!)
                    : accumulator.Add(input, input.ShardId!);
                Assert.Null(problem);
            }
            // Which shard a health sample names on a CPU tie is first-seen by design; everything else must not depend on order.
            var merged = accumulator.Build();
            return LoadOpsJson.Serialize(merged with { Shards = [], Health = [.. merged.Health.Select(h => h with { ShardId = null })] });
        }

        var forward = Merge(Shards, streamed: false);
        Assert.Equal(forward, Merge(Shards.Reverse(), streamed: false));
        Assert.Equal(forward, Merge(Shards.Reverse(), streamed: true));
        Assert.Contains("\"errorSamples\"", forward, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_the_new_fields_still_reads_and_writes_none_of_them()
    {
        var old = ResultFiles.Shard("s1", "local", new Dictionary<(string Step, int Interval), List<long>> { [("pay", 0)] = [1000] });
        var json = LoadOpsJson.Serialize(old);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var read = await ResultFileReader.ReadAsync(stream, "old.json", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("statusCodes", json, StringComparison.Ordinal);
        Assert.Null(read.Result!.Steps[0].Intervals[0].Errors);
        var accumulator = new ResultAccumulator();
        Assert.Null(accumulator.Add(Encoding.UTF8.GetBytes(json), "old.json"));
        Assert.Empty(ResultSummarizer.Summarize(accumulator.Build()).Overall.Outcomes.Errors);
    }
}
