using HdrHistogram;
using LoadOps.Core.Definitions;
using LoadOps.Core.Results;

namespace LoadOps.Core.Tests.Results;

public sealed class ResultAccumulatorTests
{
    private static readonly string[] Locations = ["azure/westeurope", "aws/us-east-1", "pool/lab"];

    [Theory]
    [InlineData(3, 1)]
    [InlineData(8, 2)]
    [InlineData(25, 3)]
    [InlineData(75, 4)] // more than two batches of additions, and a partial one at the end
    public void Merging_a_randomly_split_stream_gives_the_percentiles_of_the_whole_stream(int shardCount, int seed)
    {
        var random = new Random(seed);
        var shards = Enumerable.Range(0, shardCount).Select(_ => new Dictionary<(string, int), List<long>>()).ToList();
        var whole = HistogramCodec.Create();
        var perInterval = Enumerable.Range(0, 6).Select(_ => HistogramCodec.Create()).ToList();
        for (var i = 0; i < 60_000; i++)
        {
            var latency = ResultFiles.SkewedLatency(random);
            var interval = random.Next(6);
            // A skewed split: low-numbered shards get far more of the stream.
            var shard = (int)(shardCount * Math.Pow(random.NextDouble(), 2));
            var list = shards[shard].TryGetValue(("pay", interval), out var l) ? l : shards[shard][("pay", interval)] = [];
            list.Add(latency);
            whole.RecordValue(latency);
            perInterval[interval].RecordValue(latency);
        }

        var accumulator = new ResultAccumulator();
        for (var s = 0; s < shardCount; s++)
            Assert.Null(accumulator.Add(ResultFiles.Shard($"s{s}", Locations[s % 3], shards[s]), $"shard-{s}.json"));
        var merged = accumulator.Build();
        var summary = ResultSummarizer.Summarize(merged);

        foreach (var metric in new[] { Metric.P50, Metric.P75, Metric.P90, Metric.P95, Metric.P99, Metric.P999 })
            Assert.Equal(whole.GetValueAtPercentile(metric.Percentile()!.Value), summary.Overall.Value(metric));
        Assert.Equal(whole.GetMaxValue(), summary.Overall.Value(Metric.Max));
        Assert.Equal(whole.GetMean(), summary.Overall.Value(Metric.Mean)!.Value, 6);
        Assert.Equal(whole.TotalCount, summary.Overall.Totals.Total);
        for (var i = 0; i < 6; i++)
            Assert.Equal(perInterval[i].GetValueAtPercentile(99), summary.Overall.Intervals[i].Values[Metric.P99]);
        // Per-location entries add up to the overall one.
        Assert.Equal(summary.Overall.Totals.Total,
            summary.Steps.Where(s => s.Location is not null).Sum(s => s.Metrics.Totals.Total));
    }

    [Fact]
    public void Averaging_per_shard_percentiles_would_be_wrong_on_a_skewed_split()
    {
        var random = new Random(5);
        var fast = Enumerable.Range(0, 9_000).Select(_ => (long)random.Next(8_000, 12_000)).ToList();
        var slow = Enumerable.Range(0, 1_000).Select(_ => (long)random.Next(150_000, 250_000)).ToList();
        var whole = HistogramCodec.Create();
        foreach (var v in fast.Concat(slow))
            whole.RecordValue(v);
        var shardFast = ResultFiles.Shard("a", "local", new Dictionary<(string, int), List<long>> { [("pay", 0)] = fast });
        var shardSlow = ResultFiles.Shard("b", "local", new Dictionary<(string, int), List<long>> { [("pay", 0)] = slow });

        var accumulator = new ResultAccumulator();
        accumulator.Add(shardFast, "a.json");
        accumulator.Add(shardSlow, "b.json");
        var merged = ResultSummarizer.Summarize(accumulator.Build()).Overall.Value(Metric.P95)!.Value;
        var averaged = (ResultSummarizer.Summarize(shardFast).Overall.Value(Metric.P95)!.Value +
                        ResultSummarizer.Summarize(shardSlow).Overall.Value(Metric.P95)!.Value) / 2;

        Assert.Equal(whole.GetValueAtPercentile(95), merged);
        Assert.True(merged > 150_000, $"merged p95 {merged}");
        Assert.True(Math.Abs(averaged - merged) / merged > 0.3, $"averaged {averaged} vs exact {merged}");
    }

    [Fact]
    public void Inputs_of_another_run_hash_or_interval_are_refused_by_name()
    {
        var data = new Dictionary<(string, int), List<long>> { [("pay", 0)] = [1_000, 2_000] };
        var accumulator = new ResultAccumulator();
        Assert.Null(accumulator.Add(ResultFiles.Shard("a", "local", data), "a.json"));

        var otherRun = accumulator.Add(ResultFiles.Shard("b", "local", data, runId: "run-2"), "b.json");
        var otherHash = accumulator.Add(ResultFiles.Shard("c", "local", data, hash: "hash-2"), "c.json");
        var otherInterval = accumulator.Add(ResultFiles.Shard("d", "local", data, interval: TimeSpan.FromSeconds(10)), "d.json");
        var twice = accumulator.Add(ResultFiles.Shard("a", "local", data), "a-again.json");

        Assert.Equal("b.json", otherRun!.Source);
        Assert.Contains("run id 'run-2'", otherRun.Message, StringComparison.Ordinal);
        Assert.Contains("definition hash", otherHash!.Message, StringComparison.Ordinal);
        Assert.Contains("interval 10s", otherInterval!.Message, StringComparison.Ordinal);
        Assert.Contains("already merged from a.json", twice!.Message, StringComparison.Ordinal);
        Assert.Equal(1, accumulator.InputCount);
        Assert.Equal(2, ResultSummarizer.Summarize(accumulator.Build()).Overall.Totals.Total);
    }

    [Fact]
    public void A_damaged_input_between_batches_leaves_the_sums_as_if_it_never_came()
    {
        var random = new Random(11);
        var shards = Enumerable.Range(0, 2 * IntervalSums.BatchSize + 5).Select(s => ResultFiles.Shard($"s{s}", Locations[s % 3],
            new Dictionary<(string, int), List<long>> { [("pay", 0)] = [.. Enumerable.Range(0, 50).Select(_ => ResultFiles.SkewedLatency(random))] })).ToList();
        var damaged = shards[0] with
        {
            ShardId = "bad",
            Steps = [shards[0].Steps[0] with { Intervals = [shards[0].Steps[0].Intervals[0] with { Histogram = "HISTFAAAAAA=" }] }],
        };
        var clean = new ResultAccumulator();
        var mixed = new ResultAccumulator();
        for (var s = 0; s < shards.Count; s++)
        {
            Assert.Null(clean.Add(shards[s], $"{s}.json"));
            Assert.Null(mixed.Add(shards[s], $"{s}.json"));
            if (s % IntervalSums.BatchSize == IntervalSums.BatchSize - 1)
                Assert.NotNull(mixed.Add(damaged, "bad.json"));
        }

        var expected = clean.Build();
        var actual = mixed.Build();
        Assert.Equal(
            expected.Steps.SelectMany(st => st.Intervals).Select(i => (i.Ok, i.Failed, HistogramCodec.Decode(i.Histogram).TotalCount, i.Histogram)),
            actual.Steps.SelectMany(st => st.Intervals).Select(i => (i.Ok, i.Failed, HistogramCodec.Decode(i.Histogram).TotalCount, i.Histogram)));
    }

    [Fact]
    public void A_damaged_histogram_or_misaligned_interval_is_refused_and_nothing_of_it_is_kept()
    {
        var good = ResultFiles.Shard("a", "local", new Dictionary<(string, int), List<long>> { [("pay", 0)] = [1_000], [("pay", 1)] = [2_000] });
        var damaged = good with
        {
            ShardId = "b",
            Steps = [good.Steps[0] with { Intervals = [good.Steps[0].Intervals[0], good.Steps[0].Intervals[1] with { Histogram = "AAAA" }] }],
        };
        var misaligned = good with
        {
            ShardId = "c",
            Steps = [good.Steps[0] with { Intervals = [good.Steps[0].Intervals[0] with { Start = ResultFiles.Start.AddSeconds(2) }] }],
        };
        var accumulator = new ResultAccumulator();
        accumulator.Add(good, "a.json");

        var problem = accumulator.Add(damaged, "b.json");
        var notAligned = accumulator.Add(misaligned, "c.json");

        Assert.Contains("step 'pay'", problem!.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", problem.Message, StringComparison.Ordinal);
        Assert.Contains("not aligned", notAligned!.Message, StringComparison.Ordinal);
        Assert.Equal(2, ResultSummarizer.Summarize(accumulator.Build()).Overall.Totals.Total);
    }

    [Fact]
    public void A_partial_shard_makes_the_run_partial_and_issues_keep_their_shard()
    {
        var data = new Dictionary<(string, int), List<long>> { [("pay", 0)] = [1_000] };
        var accumulator = new ResultAccumulator(new MergeOptions { ExpectedShards = 3 });
        accumulator.Add(ResultFiles.Shard("a", "local", data) with { TrustIssues = [new TrustIssue("cpu-saturated", "CPU at 97%")] }, "a");
        accumulator.Add(ResultFiles.Shard("b", "local", data) with { Status = ResultStatus.Partial }, "b");
        var merged = accumulator.Build();

        Assert.Equal(ResultStatus.Incomplete, merged.Status);
        Assert.Contains(merged.TrustIssues, i => i is { Code: "cpu-saturated", ShardId: "a" });
        Assert.Contains(merged.TrustIssues, i => i is { Code: "shard-partial", ShardId: "b" });
        Assert.Contains(merged.TrustIssues, i => i.Code == "shards-missing");

        var two = new ResultAccumulator();
        two.Add(ResultFiles.Shard("a", "local", data), "a");
        two.Add(ResultFiles.Shard("b", "local", data) with { Status = ResultStatus.Partial }, "b");
        Assert.Equal(ResultStatus.Partial, two.Build().Status);
    }

    [Fact]
    public void Health_takes_the_worst_runner_and_adds_counts()
    {
        var data = new Dictionary<(string, int), List<long>> { [("pay", 0)] = [1_000] };
        var at = ResultFiles.Start;
        var accumulator = new ResultAccumulator();
        accumulator.Add(ResultFiles.Shard("a", "local", data) with { Health = [new HealthSample { Start = at, Cpu = 0.4, Dropped = 3, Scheduled = 100, MaxScheduleLagMs = 12 }] }, "a");
        accumulator.Add(ResultFiles.Shard("b", "local", data) with { Health = [new HealthSample { Start = at, Cpu = 0.9, Dropped = 1, Scheduled = 100, MaxScheduleLagMs = 4 }] }, "b");
        var merged = accumulator.Build();

        var sample = Assert.Single(merged.Health);
        Assert.Equal((0.9, 4L, 200L, 12.0, "b"), (sample.Cpu, sample.Dropped, sample.Scheduled, sample.MaxScheduleLagMs, sample.ShardId));
        Assert.Equal(0.02, ResultSummarizer.Summarize(merged).Overall.Value(Metric.Dropped));
    }

    [Fact]
    public async Task Merges_a_stream_of_results_and_merged_results_merge_again()
    {
        var data = new Dictionary<(string, int), List<long>> { [("pay", 0)] = [1_000, 5_000] };
        var first = await ResultMerger.MergeAsync(Stream(ResultFiles.Shard("a", "eu", data), ResultFiles.Shard("b", "us", data)), null, TestContext.Current.CancellationToken);
        var second = await ResultMerger.MergeAsync(Stream(ResultFiles.Shard("c", "eu", data)), null, TestContext.Current.CancellationToken);
        var again = await ResultMerger.MergeAsync(Stream(first.Result!, second.Result!), null, TestContext.Current.CancellationToken);

        var summary = ResultSummarizer.Summarize(again.Result!);
        Assert.Equal(6, summary.Overall.Totals.Total);
        Assert.Equal(4, summary.Steps.Single(s => s.Location == "eu").Metrics.Totals.Total);
        Assert.Equal(3, again.Result!.Shards.Count);
    }

    private static async IAsyncEnumerable<ResultFile> Stream(params ResultFile[] results)
    {
        foreach (var result in results)
        {
            await Task.Yield();
            yield return result;
        }
    }
}
