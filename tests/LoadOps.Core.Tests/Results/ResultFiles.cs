using LoadOps.Core.Results;

namespace LoadOps.Core.Tests.Results;

/// <summary>Builds result files from raw latencies for tests.</summary>
internal static class ResultFiles
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>One shard: latencies (µs) per step and interval index; every eleventh request failed with a timeout.</summary>
    public static ResultFile Shard(string shardId, string location, IReadOnlyDictionary<(string Step, int Interval), List<long>> latencies,
        string runId = "run-1", string hash = "hash-1", TimeSpan? interval = null)
    {
        var length = interval ?? Interval;
        var steps = latencies.GroupBy(l => l.Key.Step).Select(g => new StepResult("main", g.Key,
            [.. g.OrderBy(i => i.Key.Interval).Select(i => Stats(Start + (length * i.Key.Interval), i.Value))])).ToList();
        var intervals = latencies.Count == 0 ? 1 : latencies.Keys.Max(k => k.Interval) + 1;
        return new ResultFile
        {
            RunId = runId,
            ShardId = shardId,
            Definition = "checkout",
            DefinitionHash = hash,
            Location = location,
            Start = Start,
            End = Start + (length * intervals),
            Interval = length,
            Steps = steps,
            Shards = [new ShardInfo(shardId, 0, location, ResultStatus.Complete)],
        };
    }

    public static IntervalStats Stats(DateTimeOffset start, IEnumerable<long> latencies)
    {
        var histogram = HistogramCodec.Create();
        long ok = 0, timeouts = 0;
        foreach (var latency in latencies)
        {
            histogram.RecordValue(latency);
            if ((ok + timeouts) % 11 == 10)
                timeouts++;
            else
                ok++;
        }
        return new IntervalStats { Start = start, Ok = ok, Failed = new FailureCounts(Timeout: timeouts), Histogram = HistogramCodec.Encode(histogram) };
    }

    /// <summary>Skewed latencies: a log-normal body around 20 ms with a 3% tail around 400 ms.</summary>
    public static long SkewedLatency(Random random)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var median = random.NextDouble() < 0.03 ? 400_000 : 20_000;
        return Math.Max(1, (long)(median * Math.Exp(0.5 * normal)));
    }
}
