using LoadOps.Runner.Execution;
using LoadOps.Runner.Recording;

namespace LoadOps.Runner.Load;

/// <summary>
/// Closed model: the number of virtual users follows the load curve (rounded), each looping through iterations
/// back to back. Users are added as the curve rises; the newest ones retire after their current step as it falls.
/// </summary>
internal sealed class ClosedModelDriver(PreparedShard shard, IterationRunner iterations, ShardRecorder recorder, TimeProvider time, RunnerConsole console)
    : ILoadDriver
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    public async Task<bool> RunAsync(CancellationToken stop, CancellationToken abort)
    {
        var clock = recorder.Clock;
        var active = new List<(Task Task, CancellationTokenSource Stop)>();
        var retired = new List<(Task Task, CancellationTokenSource Stop)>();
        long nextId = 0;
        var completed = false;
        while (!stop.IsCancellationRequested)
        {
            var elapsed = time.GetElapsedTime(clock.OriginTimestamp);
            if (elapsed >= shard.Curve.Duration)
            {
                completed = true;
                break;
            }
            var desired = (int)Math.Round(shard.Curve.ValueAt(elapsed), MidpointRounding.AwayFromZero);
            while (active.Count < desired)
            {
                var userStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
                var id = nextId++;
                active.Add((Task.Run(() => LoopAsync(id, userStop.Token, abort), CancellationToken.None), userStop));
            }
            while (active.Count > desired)
            {
                var last = active[^1];
                await last.Stop.CancelAsync();
                retired.Add(last);
                active.RemoveAt(active.Count - 1);
            }
            try
            {
                await Task.Delay(Tick, time, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        retired.AddRange(active);
        foreach (var user in retired)
            await user.Stop.CancelAsync();
        try
        {
            await Task.WhenAll(retired.Select(u => u.Task)).WaitAsync(abort);
        }
        catch (OperationCanceledException)
        {
            // Torn down: what was still in flight is not recorded.
        }
        foreach (var user in retired)
            user.Stop.Dispose();
        return completed;
    }

    private async Task LoopAsync(long id, CancellationToken stop, CancellationToken abort)
    {
        // A user's awaits capture no execution context, so no resumption restores one (see SocketLoop.Run); the
        // suppression ends with this method's first synchronous part, on the thread that started it.
        _ = ExecutionContext.SuppressFlow();
        try
        {
            using var user = new VirtualUser(id, shard.Spec.ShardIndex, abort);
            while (!stop.IsCancellationRequested && !abort.IsCancellationRequested)
                await iterations.RunAsync(user, recorder.Clock.Now, stop, abort);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            console.Line($"unexpected error in virtual user {id}: {e.GetType().Name}: {e.Message}");
        }
    }
}
