using LoadOps.Core.Results;
using LoadOps.Core.Serialization;
using LoadOps.IntegrationTests.Pools;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Live;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>
/// Live reads over each store: a <see cref="LiveRunReader"/> keeps its merge between reads and opens only snapshots
/// whose listed version changed, so the store's versions must be right for its figures to stay those of a merge from
/// scratch of what is stored.
/// </summary>
public abstract partial class ArtifactsContract
{
    private static readonly DateTimeOffset LiveStart = new(2026, 11, 23, 10, 45, 0, TimeSpan.Zero);

    [Fact]
    public async Task Live_reads_of_growing_snapshots_give_the_figures_of_a_merge_from_scratch()
    {
        var (results, documents) = await NewStoresAsync();
        var runId = TestRuns.NewRunId();
        var plan = new StoredPlan(runId, LiveStart, LiveStart.AddMinutes(10), [.. Enumerable.Range(0, 3).Select(i => PoolFixtures.Spec(runId, i, i == 2 ? "azure/westeurope" : "local") with { StartAt = LiveStart })]);
        await documents.WritePlanOnceAsync(plan, Ct);
        var reader = new LiveRunReader(results, documents, TimeProvider.System);
        var run = TestRuns.NewRun(runId) with { Status = RunStatus.Running };
        Task Put(int shard, int intervals, int seed = 0, bool damaged = false, int shift = 0) =>
            PutInterimAsync(results, Snapshot(plan.Shards[shard], intervals, (shard * 101) + seed, damaged, shift));
        async Task ReadsAsFromScratchAsync()
        {
            var figures = await reader.ReadAsync(run, Ct);
            var accumulator = new ResultAccumulator(new MergeOptions { ExpectedShards = plan.Shards.Count });
            var names = await results.ListInterimSnapshotsAsync(runId, Ct);
            await accumulator.AddAllAsync([.. names.Select(s => new MergeInput(s.Name, ct => results.OpenResultAsync(s.Name, ct)))], Ct);
            // The plan's start is long past, so the elapsed time is the whole load in both.
            var expected = LiveFiguresBuilder.Build(accumulator.Build(), accumulator.InputCount, plan.Shards.Count, plan.StartAt, TimeSpan.FromSeconds(1), DateTimeOffset.UtcNow);
            Assert.Equal(LoadOpsJson.Serialize(expected), LoadOpsJson.Serialize(figures));
        }

        await Put(0, 1);
        await Put(1, 1);
        await ReadsAsFromScratchAsync();
        await ReadsAsFromScratchAsync();
        await Put(1, 1); // the same bytes again
        await ReadsAsFromScratchAsync();
        await Put(0, 2);
        await Put(1, 2);
        await Put(2, 2); // late, two intervals at once
        await ReadsAsFromScratchAsync();
        await Put(1, 3, damaged: true);
        await ReadsAsFromScratchAsync();
        await Put(1, 3);
        await Put(0, 1, seed: 1, shift: 3); // started over, later
        await ReadsAsFromScratchAsync();
        await Put(0, 2, seed: 1, shift: 3);
        await Put(1, 4);
        await Put(2, 4, seed: 2); // other figures in intervals merged already
        await ReadsAsFromScratchAsync();
        Assert.Equal(3, (await reader.ReadAsync(run, Ct))!.ShardsReporting);
    }

    /// <summary>A running shard's snapshot: <paramref name="intervals"/> intervals of 5 s from <see cref="LiveStart"/> + <paramref name="shift"/> intervals.</summary>
    private static ResultFile Snapshot(Core.Planning.ShardSpec spec, int intervals, int seed, bool damaged, int shift)
    {
        var from = LiveStart.AddSeconds(5 * shift);
        var stats = Enumerable.Range(0, intervals).Select(i =>
        {
            var random = new Random((i * 31) + (seed * 7919));
            var histogram = HistogramCodec.Create();
            var requests = 20 + random.Next(30);
            for (var r = 0; r < requests; r++)
                histogram.RecordValue(5_000 + random.Next(50_000));
            return new IntervalStats
            {
                Start = from.AddSeconds(5 * i), Ok = requests, Failed = new FailureCounts(Timeout: random.Next(3)),
                Histogram = damaged && i == intervals - 1 ? "not a histogram" : HistogramCodec.Encode(histogram),
            };
        }).ToList();
        return TestRuns.Result(spec.RunId, spec.ShardId) with
        {
            Location = spec.Location, Start = from, End = from.AddSeconds(5 * intervals), Status = ResultStatus.Running,
            Steps = [new StepResult("s", "get", stats) { Location = spec.Location }],
            Health = [.. stats.Select(s => new HealthSample { Start = s.Start, Scheduled = 30, Dropped = s.Failed.Timeout })],
        };
    }
}
