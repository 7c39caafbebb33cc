using System.Text;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Core.Tests.Results;

/// <summary>The merge on every core (<see cref="ResultAccumulator.AddAllAsync"/>) must write exactly what adding the files one by one writes.</summary>
public sealed class ParallelMergeTests
{
    private static readonly string[] Locations = ["azure/westeurope", "aws/us-east-1", "pool/lab"];

    [Theory]
    [InlineData(1, 1)]
    [InlineData(150, 2)] // several batches, far more inputs than are read ahead
    public async Task Merging_on_every_core_writes_the_same_bytes_as_merging_one_by_one(int shardCount, int seed)
    {
        var files = Inputs(shardCount, seed);
        var sequential = new ResultAccumulator(new MergeOptions { ExpectedShards = shardCount + 1 });
        var expectedProblems = new List<string?>();
        foreach (var (name, bytes) in files)
        {
            if (bytes is null)
            {
                expectedProblems.Add(new MergeProblem(name, "the result blob does not exist").ToString());
                continue;
            }
            using var stream = new MemoryStream(bytes);
            expectedProblems.Add((await sequential.AddAsync(stream, name, TestContext.Current.CancellationToken))?.ToString());
        }

        var parallel = new ResultAccumulator(new MergeOptions { ExpectedShards = shardCount + 1 });
        var problems = await parallel.AddAllAsync(
            [.. files.Select(f => new MergeInput(f.Name, _ => Task.FromResult<Stream?>(f.Bytes is null ? null : new MemoryStream(f.Bytes))))],
            TestContext.Current.CancellationToken);

        Assert.Equal(expectedProblems, problems.Select(p => p?.ToString()));
        Assert.Equal(sequential.InputCount, parallel.InputCount);
        Assert.Equal(LoadOpsJson.Serialize(sequential.Build()), LoadOpsJson.Serialize(parallel.Build()));
        Assert.Equal(shardCount > 1 ? 4 : 0, problems.Count(p => p is not null)); // the duplicate, the damaged, the missing, the other run
    }

    [Fact]
    public async Task The_first_input_decides_the_run_and_the_health_ties_as_in_the_given_order()
    {
        var files = Inputs(40, 3).Where(f => f.Name.StartsWith('s')).ToList();
        var forward = new ResultAccumulator();
        await forward.AddAllAsync([.. files.Select(Input)], TestContext.Current.CancellationToken);
        var backward = new ResultAccumulator();
        await backward.AddAllAsync([.. files.AsEnumerable().Reverse().Select(Input)], TestContext.Current.CancellationToken);

        var first = forward.Build();
        var last = backward.Build();
        // Sums are the same either way; the order-dependent parts follow the order given, not the threads.
        Assert.Equal(ResultSummarizer.Summarize(first).Overall.Totals.Total, ResultSummarizer.Summarize(last).Overall.Totals.Total);
        Assert.Equal("s0", first.Health[0].ShardId);
        Assert.Equal("s39", last.Health[0].ShardId);
        Assert.Equal("sampled 3", first.Approximation);
        Assert.Equal("sampled 38", last.Approximation);
    }

    private static MergeInput Input((string Name, byte[]? Bytes) file) =>
        new(file.Name, _ => Task.FromResult<Stream?>(file.Bytes is null ? null : new MemoryStream(file.Bytes)));

    /// <summary>
    /// Shard files with health CPU tied between shards (the first seen names the sample), error samples, an
    /// approximation on some; then a duplicate shard, a damaged file, a missing one and one of another run.
    /// </summary>
    private static List<(string Name, byte[]? Bytes)> Inputs(int count, int seed)
    {
        var random = new Random(seed);
        var files = new List<(string Name, byte[]? Bytes)>();
        for (var s = 0; s < count; s++)
        {
            var data = new Dictionary<(string, int), List<long>>();
            foreach (var step in new[] { "browse", "pay" })
            {
                for (var i = 0; i < 4; i++)
                    data[(step, i)] = [.. Enumerable.Range(0, random.Next(0, 200)).Select(_ => ResultFiles.SkewedLatency(random))];
            }
            var shard = ResultFiles.Shard($"s{s}", Locations[s % 3], data);
            shard = shard with
            {
                Start = shard.Start.AddSeconds(-random.Next(3)),
                Approximation = s % 7 == 3 ? $"sampled {s}" : null,
                Health = [new HealthSample { Start = ResultFiles.Start, Cpu = 0.5, Scheduled = 100 }],
                Steps = [.. shard.Steps.Select(step => step with { Intervals = [.. step.Intervals.Select(i => i with
                {
                    ErrorSamples = new Dictionary<string, string> { ["timeout"] = $"timed out after {random.Next(100)} ms" },
                })] })],
            };
            files.Add(($"s{s}.json", Encoding.UTF8.GetBytes(LoadOpsJson.Serialize(shard))));
        }
        if (count > 1)
        {
            files.Insert(count / 2, ("again.json", files[0].Bytes));
            files.Insert(count / 3, ("damaged.json", Encoding.UTF8.GetBytes("{\"version\":1,")));
            files.Add(("missing.json", null));
            var other = ResultFiles.Shard("x", "local", new Dictionary<(string, int), List<long>> { [("pay", 0)] = [1_000] }, runId: "run-2");
            files.Add(("other.json", Encoding.UTF8.GetBytes(LoadOpsJson.Serialize(other))));
        }
        return files;
    }
}
