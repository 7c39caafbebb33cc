using System.Collections.Concurrent;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.Pipeline;

namespace LoadOps.Bench.Pipeline;

/// <summary>
/// A launcher with no load: each shard at once uploads a canned result (one step, twelve 5-second intervals of 200
/// latencies) and sends <see cref="ShardDone"/>, in the background as a runner would, so what is timed is the pipeline.
/// </summary>
internal sealed class CannedLauncher(ResultStore results, StageSender sender) : IShardLauncher
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly ConcurrentBag<Task> _reporting = [];

    public Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken)
    {
        _reporting.Add(Task.Run(async () =>
        {
            var blob = await results.PutShardResultAsync(ResultOf(spec), cancellationToken);
            await sender.SendAsync(new ShardDone(spec.RunId, spec.ShardId, blob), cancellationToken);
        }, cancellationToken));
        return Task.FromResult(ShardLaunch.Running("canned:" + spec.ShardId));
    }

    public async Task DrainAsync()
    {
        while (_reporting.TryTake(out var task))
            await task;
    }

    private static ResultFile ResultOf(ShardSpec spec)
    {
        var intervals = new List<IntervalStats>();
        for (var i = 0; i < 12; i++)
        {
            var histogram = HistogramCodec.Create();
            for (var v = 0; v < 200; v++)
                histogram.RecordValue(1_000 + (v * 37 % 4_000) + (spec.ShardIndex * 3));
            intervals.Add(new IntervalStats { Start = Start.AddSeconds(5 * i), Ok = 200, Histogram = HistogramCodec.Encode(histogram) });
        }
        return ShardResultFile.Header(spec, Start, Start.AddMinutes(1), ResultStatus.Complete) with
        {
            Steps = [new StepResult("browse", "list", intervals)],
        };
    }
}
