using System.Globalization;
using LoadOps.Core.Results;
using LoadOps.Runner.Load;
using LoadOps.Runner.Recording;

namespace LoadOps.Runner.Execution;

/// <summary>The running part of a shard: drives the load while closing each interval, then writes the final result.</summary>
internal sealed class ShardRunFlow(
    PreparedShard shard, ShardRecorder recorder, ResultBuilder builder, RunnerConsole console, TimeProvider time, string outputDirectory)
{
    private readonly HealthProbe _probe = new(time);
    private long _closedThrough = -1;

    /// <summary>Runs the driver to its end; true when it ran the whole schedule.</summary>
    public async Task<bool> RunAsync(ILoadDriver driver, CancellationToken stop, CancellationToken abort)
    {
        var driving = driver.RunAsync(stop, abort);
        var index = 0L;
        while (true)
        {
            using var wake = new CancellationTokenSource();
            var tick = Task.Delay(recorder.Clock.UntilEndOf(index), time, wake.Token);
            if (await Task.WhenAny(driving, tick) == driving)
            {
                await wake.CancelAsync();
                break;
            }
            // Snapshots are written even while stopping: they are what survives a crash during the drain.
            await CloseThroughAsync(index, ResultStatus.Running, CancellationToken.None);
            index++;
        }
        return await driving;
    }

    public async Task<ResultFile> FinishAsync(ResultStatus status, CancellationToken cancellationToken)
    {
        var last = recorder.Clock.IndexOf(recorder.Clock.Now);
        return await CloseThroughAsync(Math.Max(last, _closedThrough + 1), status, cancellationToken);
    }

    private async Task<ResultFile> CloseThroughAsync(long index, ResultStatus status, CancellationToken cancellationToken)
    {
        var buckets = recorder.Harvest(index);
        var (cpu, gc) = _probe.Sample();
        var maxInFlight = recorder.TakeMaxInFlight();
        var health = new RunnerHealth(cpu, gc, Math.Max(0, maxInFlight - shard.ConnectionLimit), recorder.InFlight);
        builder.Add(recorder.Clock, buckets, index, health);
        var ok = buckets.Sum(b => Enumerable.Range(0, shard.Steps.Count).Sum(s => b.Count(s, Outcome.Ok)));
        var all = buckets.Sum(b => b.Counts.Sum());
        var dropped = buckets.Sum(b => b.Dropped);
        recorder.Return(buckets);
        _closedThrough = index;

        var now = time.GetUtcNow();
        var result = builder.Build(now, status);
        try
        {
            await ResultWriter.WriteAsync(outputDirectory, result, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Line($"error: cannot write the result into '{outputDirectory}': {e.Message}");
            if (status != ResultStatus.Running)
                throw;
        }
        console.Line(string.Create(CultureInfo.InvariantCulture,
            $"{recorder.Clock.StartOf(index):HH:mm:ss} {status.ToString().ToLowerInvariant()}: ok {ok}, failed {all - ok}, dropped {dropped}, in flight {health.InFlight}, cpu {cpu:P0}"));
        if (status != ResultStatus.Running)
        {
            console.Line(builder.Summary(now));
            // The same digest loadops run prints for the whole run, read from this shard's result.
            var accumulator = new ResultAccumulator();
            if (accumulator.Add(result, shard.Spec.ShardId) is null)
            {
                var merged = accumulator.Build();
                foreach (var line in ResultDigest.Lines(merged, ResultSummarizer.Summarize(merged)))
                    console.Line("  " + line);
            }
            foreach (var issue in result.TrustIssues)
                console.Line($"untrustworthy ({issue.Code}): {issue.Message}");
        }
        return result;
    }
}
