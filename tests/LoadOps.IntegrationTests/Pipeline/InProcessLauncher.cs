using System.Collections.Concurrent;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Pipeline;
using LoadOps.Runner.Execution;

namespace LoadOps.IntegrationTests.Pipeline;

/// <summary>
/// Runs each local shard with the real runner in this process, then does what a runner does when it finishes: uploads
/// its result and sends <see cref="ShardDone"/> (<see cref="DoneMessagesPerShard"/> times, to simulate redelivery).
/// Other locations are refused.
/// </summary>
internal sealed class InProcessLauncher(ResultStore results, StageSender sender, string folder) : IShardLauncher
{
    private readonly ConcurrentBag<Task> _running = [];
    private int _launched;

    public int DoneMessagesPerShard { get; init; } = 1;

    /// <summary>Shards that are "launched" but never run nor report, as if their machine vanished.</summary>
    public IReadOnlySet<int> SilentShards { get; init; } = new HashSet<int>();

    /// <summary>Every launch throws, as a cloud API that times out would.</summary>
    public bool Throws { get; init; }

    /// <summary>The runners' environment (e.g. where JMeter is); null for this process's.</summary>
    public Func<string, string?>? Environment { get; init; }

    public int Launched => _launched;

    public ConcurrentBag<ShardDone> Sent { get; } = [];

    public Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken)
    {
        if (Throws)
            throw new HttpRequestException("the cloud API timed out");
        if (spec.Location != "local")
            return Task.FromResult(ShardLaunch.Refused($"location {spec.Location} has no launcher in this test"));
        Interlocked.Increment(ref _launched);
        if (SilentShards.Contains(spec.ShardIndex))
            return Task.FromResult(ShardLaunch.Running("silent:" + spec.ShardId));
        _running.Add(Task.Run(() => RunAsync(spec, cancellationToken), cancellationToken));
        return Task.FromResult(ShardLaunch.Running("in-process:" + spec.ShardId));
    }

    public Task WhenAllDone() => Task.WhenAll(_running);

    private async Task RunAsync(ShardSpec spec, CancellationToken cancellationToken)
    {
        var output = Path.Combine(folder, spec.ShardId);
        Directory.CreateDirectory(output);
        var run = await ShardRunner.RunAsync(spec, output, cancellationToken, Environment is null
            ? new ShardRunnerOptions { Output = TextWriter.Null }
            : new ShardRunnerOptions { Output = TextWriter.Null, Environment = Environment });
        if (run.Result is null)
            throw new InvalidOperationException("The shard did not start: " + string.Join("; ", run.Errors));
        var blob = await results.PutShardResultAsync(run.Result, cancellationToken);
        for (var i = 0; i < DoneMessagesPerShard; i++)
        {
            var done = new ShardDone(spec.RunId, spec.ShardId, blob);
            await sender.SendAsync(done, cancellationToken);
            Sent.Add(done);
        }
    }
}
