using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Core.Tests.Results;

/// <summary>
/// Shards as their runners snapshot them while they run: shard <c>s{n}</c> at location <c>loc-{n % 2}</c>, two steps,
/// every interval and health sample its own (so any mix-up shows in the sums), and snapshot <c>k</c> is the first
/// <c>k</c> intervals of the whole shard, status running, as the runner rewrites it.
/// </summary>
internal static class GrowingShards
{
    public static ResultFile Whole(int shard, int intervals, int seed = 0, DateTimeOffset? start = null)
    {
        var random = new Random((shard * 7919) + seed);
        var from = start ?? ResultFiles.Start;
        var latencies = new Dictionary<(string Step, int Interval), List<long>>();
        foreach (var step in new[] { "browse", "buy" })
        {
            for (var i = 0; i < intervals; i++)
                latencies[(step, i)] = [.. Enumerable.Range(0, 20 + random.Next(40)).Select(_ => ResultFiles.SkewedLatency(random))];
        }
        var whole = ResultFiles.Shard($"s{shard}", $"loc-{shard % 2}", latencies);
        var steps = whole.Steps.Select(s => s with
        {
            Location = whole.Location,
            Intervals = [.. s.Intervals.Select(i => i with { Start = from + (i.Start - ResultFiles.Start) })],
        }).ToList();
        return whole with
        {
            Start = from,
            End = from + (ResultFiles.Interval * intervals),
            Steps = steps,
            // Distinct CPU figures: which shard a merged sample names then does not depend on the order of adding.
            Health = [.. Enumerable.Range(0, intervals).Select(i => new HealthSample
            {
                Start = from + (ResultFiles.Interval * i), Cpu = random.NextDouble(), Scheduled = 50 + i, Dropped = random.Next(3), Iterations = 40 + shard,
            })],
        };
    }

    /// <summary>The snapshot after the first <paramref name="intervals"/> intervals of <paramref name="whole"/>.</summary>
    public static ResultFile Snapshot(ResultFile whole, int intervals) => whole with
    {
        Status = ResultStatus.Running,
        End = whole.Start + (whole.Interval * intervals),
        Steps = [.. whole.Steps.Select(s => s with { Intervals = [.. s.Intervals.Take(intervals)] })],
        Health = [.. whole.Health.Take(intervals)],
    };

    public static byte[] Bytes(ResultFile snapshot) => System.Text.Encoding.UTF8.GetBytes(LoadOpsJson.Serialize(snapshot));

    public static MergeInput Input(string name, byte[] bytes) => new(name, _ => Task.FromResult<Stream?>(new MemoryStream(bytes)));

    /// <summary>What the merge from scratch writes for these snapshots, in name order.</summary>
    public static async Task<string> FromScratchAsync(IReadOnlyDictionary<string, byte[]> snapshots, int expectedShards)
    {
        var accumulator = new ResultAccumulator(new MergeOptions { ExpectedShards = expectedShards });
        await accumulator.AddAllAsync([.. snapshots.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => Input(s.Key, s.Value))], TestContext.Current.CancellationToken);
        return LoadOpsJson.Serialize(accumulator.Build());
    }
}
