namespace LoadOps.Core.Results;

/// <summary>The counts of one input interval, held by value while its histogram waits to be added (no per-interval objects).</summary>
internal readonly record struct IntervalCounts(
    long Ok, long Status, long Timeout, long Connect, long Check, long Other, long BytesSent, long BytesReceived, IntervalDetail? Detail = null)
{
    public static IntervalCounts Of(IntervalStats stats) => new(
        stats.Ok, stats.Failed.Status, stats.Failed.Timeout, stats.Failed.Connect, stats.Failed.Check, stats.Failed.Other,
        stats.BytesSent, stats.BytesReceived, IntervalDetail.Of(stats));
}
