using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline.Verdicts;

/// <summary>
/// Stands in for the runners where a test needs a chosen latency level run after run (a real target cannot be made
/// exactly 50% slower on a shared machine): each shard uploads a result whose latencies sit at <see cref="LevelMs"/>,
/// moved by ±1% per run (seeded by the run id, so runs differ like real ones and every suite run alike), and reports it on the real collect queue. The
/// runs are a minute apart on <see cref="Clock"/> (intervals must sit on 5-second marks), which the test hands to
/// whatever else dates things, so the order of runs and acceptances is the order of the test.
/// </summary>
internal sealed class LevelShardLauncher(ResultStore results, StageSender sender) : IShardLauncher
{
    private static readonly DateTimeOffset Epoch = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Now for the simulated runs: a minute after the start of the last one launched.</summary>
    public TimeProvider Clock { get; } = new SimulatedClock();

    public double LevelMs { get; set; } = 20;

    public int Launched { get; private set; }

    public async Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken) =>
        (await LaunchAllAsync([spec], cancellationToken))[0];

    public async Task<IReadOnlyList<ShardLaunch>> LaunchAllAsync(IReadOnlyList<ShardSpec> specs, CancellationToken cancellationToken)
    {
        foreach (var spec in specs)
        {
            Launched++;
            ((SimulatedClock)Clock).Now = Epoch.AddMinutes(Launched + 1);
            await sender.SendAsync(new ShardDone(spec.RunId, spec.ShardId, await results.PutShardResultAsync(ResultOf(spec), cancellationToken)), cancellationToken);
        }
        return [.. specs.Select(s => ShardLaunch.Running("level:" + s.ShardId))];
    }

    private ResultFile ResultOf(ShardSpec spec)
    {
        // A stable seed: string hash codes differ from process to process, which made these verdicts differ between runs of the suite.
        var random = new Random(BitConverter.ToInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(spec.RunId))));
        var level = LevelMs * 1_000 * (0.99 + (0.02 * random.NextDouble()));
        var start = Epoch.AddMinutes(Launched);
        var intervals = Enumerable.Range(0, 10).Select(i =>
        {
            var histogram = HistogramCodec.Create();
            for (var v = 0; v < 100; v++)
                histogram.RecordValue((long)(level * (0.9 + (0.2 * random.NextDouble()))));
            return new IntervalStats { Start = start.AddSeconds(5 * i), Ok = 100, Histogram = HistogramCodec.Encode(histogram) };
        }).ToList();
        return ShardResultFile.Header(spec, start, start.AddSeconds(50), ResultStatus.Complete) with
        {
            Steps = [new StepResult("browse", "list", intervals)],
        };
    }

    private sealed class SimulatedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = Epoch;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
