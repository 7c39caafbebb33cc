using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline.Scale;

/// <summary>
/// Stands in for a thousand runner machines, which a test cannot start: each launched shard uploads a small canned
/// result to Azurite and its <see cref="ShardDone"/> goes on the real collect queue. Reports are sent once every
/// launch of the call is answered, in a shuffled order, <see cref="ReportsPerShard"/> times each (redelivery).
/// </summary>
internal sealed class CannedShardLauncher(ResultStore results, StageSender sender) : IShardLauncher
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    public int ReportsPerShard { get; init; } = 1;

    /// <summary>Odd shard indexes are refused as a provider refuses a throttled call whose retries ran out.</summary>
    public bool ThrottleOddShards { get; init; }

    /// <summary>Reports are handed to this instead of the queue, inside the launch: the run is still validating then.</summary>
    public Func<ShardDone, CancellationToken, Task>? HandleDuringDispatch { get; set; }

    public const string ThrottledReason = "the provider throttled the launch (ThrottlingException: Rate exceeded) and its retries ran out";

    public async Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken) =>
        (await LaunchAllAsync([spec], cancellationToken))[0];

    public async Task<IReadOnlyList<ShardLaunch>> LaunchAllAsync(IReadOnlyList<ShardSpec> specs, CancellationToken cancellationToken)
    {
        var launches = specs.Select(s => ThrottleOddShards && s.ShardIndex % 2 == 1
            ? ShardLaunch.Refused(ThrottledReason)
            : ShardLaunch.Running("canned:" + s.ShardId)).ToList();
        var reports = new List<ShardDone>();
        await Parallel.ForEachAsync(specs.Where((_, i) => launches[i].Started), cancellationToken, async (spec, ct) =>
        {
            var done = new ShardDone(spec.RunId, spec.ShardId, await results.PutShardResultAsync(ResultOf(spec), ct));
            lock (reports)
                reports.AddRange(Enumerable.Repeat(done, ReportsPerShard));
        });
        var shuffled = reports.OrderBy(r => r.ShardId, StringComparer.Ordinal).ToArray();
        new Random(17).Shuffle(shuffled);
        await Parallel.ForEachAsync(shuffled, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (done, ct) =>
        {
            if (HandleDuringDispatch is { } handle)
                await handle(done, ct);
            else
                await sender.SendAsync(done, ct);
        });
        return launches;
    }

    private static ResultFile ResultOf(ShardSpec spec)
    {
        var histogram = HistogramCodec.Create();
        for (var v = 0; v < 50; v++)
            histogram.RecordValue(1_000 + (v * 37 % 4_000) + spec.ShardIndex);
        return ShardResultFile.Header(spec, Start, Start.AddSeconds(5), ResultStatus.Complete) with
        {
            Steps = [new StepResult("browse", "list", [new IntervalStats { Start = Start, Ok = 50, Histogram = HistogramCodec.Encode(histogram) }])],
        };
    }
}
