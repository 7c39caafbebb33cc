using System.Globalization;
using HdrHistogram;
using LoadOps.Core.Results;

namespace LoadOps.Runner.Recording;

/// <summary>When a shard's own figures say it measured itself rather than the target.</summary>
internal static class TrustRules
{
    /// <summary>CPU above this fraction means the runner was saturated in that interval.</summary>
    public const double SaturatedCpu = 0.85;

    /// <summary>Arrivals sent this much later than due (at p99) mean the schedule was not kept.</summary>
    public static readonly TimeSpan MaxScheduleLagP99 = TimeSpan.FromMilliseconds(100);

    public static IEnumerable<TrustIssue> Evaluate(IReadOnlyList<HealthSample> health, HistogramBase lag, string shardId)
    {
        var saturated = health.Count(h => h.Cpu > SaturatedCpu);
        if (health.Count >= 2 && saturated * 2 > health.Count)
        {
            yield return new TrustIssue(
                "runner-saturated",
                string.Create(CultureInfo.InvariantCulture,
                    $"The runner's CPU was above {SaturatedCpu:P0} in {saturated} of {health.Count} intervals; latencies include its own queueing. Use more runners or a bigger machine."),
                shardId);
        }

        if (lag.TotalCount > 0)
        {
            var p99 = TimeSpan.FromMicroseconds(lag.GetValueAtPercentile(99));
            if (p99 > MaxScheduleLagP99)
            {
                yield return new TrustIssue(
                    "schedule-lag",
                    string.Create(CultureInfo.InvariantCulture,
                        $"99% of arrivals were sent within {p99.TotalMilliseconds:0} ms of their due time (limit {MaxScheduleLagP99.TotalMilliseconds:0} ms); the runner could not keep the open-model schedule."),
                    shardId);
            }
        }
    }
}
