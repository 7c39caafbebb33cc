using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;
using LoadOps.Pipeline.Live;
using LoadOps.Pipeline.Tests.Scene;

namespace LoadOps.Pipeline.Tests.Live;

/// <summary>
/// What running shards upload as they go, and the live figures a merge from scratch gives for what is stored: the
/// reference every kept-up-to-date read is held to.
/// </summary>
internal static class LiveSnapshots
{
    /// <summary>
    /// The shard's snapshot after <paramref name="intervals"/> closed intervals from <paramref name="start"/> (default the
    /// plan's): latencies and failures differ by shard, interval and <paramref name="seed"/>, one health sample per interval.
    /// </summary>
    public static ResultFile Of(ShardSpec spec, int intervals, int seed = 0, DateTimeOffset? start = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var from = start ?? spec.StartAt;
        var stats = Enumerable.Range(0, intervals).Select(i =>
        {
            var random = new Random((spec.ShardIndex * 1_000) + (i * 7) + (seed * 100_003));
            var histogram = HistogramCodec.Create();
            var requests = 50 + random.Next(50);
            for (var r = 0; r < requests; r++)
                histogram.RecordValue(10_000 + random.Next(90_000));
            var failed = random.Next(5);
            return new IntervalStats
            {
                Start = from + (spec.Interval * i),
                Ok = requests - failed,
                Failed = new FailureCounts(Status: failed),
                Histogram = HistogramCodec.Encode(histogram),
                Errors = failed == 0 ? null : new Dictionary<string, long> { ["http-5xx"] = failed },
            };
        }).ToList();
        return ShardResultFile.Header(spec, from, from + (spec.Interval * intervals), ResultStatus.Running) with
        {
            Steps = [new StepResult(StageScene.Scenario, StageScene.Step, stats) { Location = spec.Location }],
            Health = [.. stats.Select((s, i) => new HealthSample { Start = s.Start, Cpu = 0.1 + (i / 100.0), Scheduled = 100, Dropped = i % 3, ShardId = spec.ShardId })],
        };
    }

    /// <summary>The same snapshot with its newest interval's histogram damaged.</summary>
    public static ResultFile Damaged(ResultFile snapshot)
    {
        var step = snapshot.Steps[0];
        return snapshot with { Steps = [step with { Intervals = [.. step.Intervals.SkipLast(1), step.Intervals[^1] with { Histogram = "not a histogram" }] }] };
    }

    /// <summary>The live figures as every read made them before reads were kept up to date: all snapshots merged from scratch.</summary>
    public static async Task<string> FromScratchAsync(StageScene scene, RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(run);
        var plan = (await scene.Artifacts.ReadPlanAsync(run.RunId, cancellationToken))!;
        var accumulator = new ResultAccumulator(new MergeOptions { ExpectedShards = plan.Shards.Count });
        // Exactly what every read did before: all snapshots, in name order, opened through the store (so counted as opens).
        var snapshots = await scene.Artifacts.ListInterimSnapshotsAsync(run.RunId, cancellationToken);
        await accumulator.AddAllAsync([.. snapshots.Select(s => new MergeInput(s.Name, ct => scene.Artifacts.OpenResultAsync(s.Name, ct)))], cancellationToken);
        var figures = LiveFiguresBuilder.Build(accumulator.Build(), accumulator.InputCount, plan.Shards.Count, plan.StartAt,
            plan.Shards[0].Definition.Load.TotalDuration, scene.Clock.GetUtcNow());
        return LoadOpsJson.Serialize(figures);
    }
}
