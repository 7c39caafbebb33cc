using LoadOps.Runner.Execution;
using LoadOps.Runner.Recording;

namespace LoadOps.Runner.Load;

/// <summary>
/// Open model: arrivals at the instants the load curve's integral dictates, whatever the responses do. Each
/// arrival is a fresh virtual user running one iteration. When <c>maxInFlight</c> iterations are outstanding an
/// arrival is dropped and counted, never delayed.
/// </summary>
internal sealed class OpenModelDriver(PreparedShard shard, IterationRunner iterations, ShardRecorder recorder, TimeProvider time, RunnerConsole console)
    : ILoadDriver
{
    private static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(1);
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _outstanding;
    private volatile bool _issuingDone;

    public async Task<bool> RunAsync(CancellationToken stop, CancellationToken abort)
    {
        // With the system clock the schedule runs on its own thread (ArrivalWaiter); the loop below awaits only
        // for other time providers, whose timestamps a thread cannot wait on.
        var completed = time == TimeProvider.System
            ? await Scheduled(() => Issue(stop, abort))
            : await IssueAsync(stop, abort);
        _issuingDone = true;
        if (Interlocked.Read(ref _outstanding) == 0)
            _drained.TrySetResult();
        try
        {
            await _drained.Task.WaitAsync(abort);
        }
        catch (OperationCanceledException)
        {
            // Torn down: what was still in flight is not recorded.
        }
        return completed;
    }

    private static Task<bool> Scheduled(Func<bool> issue)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(issue());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = "loadops arrivals", Priority = ThreadPriority.AboveNormal };
        thread.Start();
        return done.Task;
    }

    /// <summary>The arrival loop on the scheduler thread; true when the whole curve was issued.</summary>
    private bool Issue(CancellationToken stop, CancellationToken abort)
    {
        var clock = recorder.Clock;
        long n = 0;
        while (!stop.IsCancellationRequested)
        {
            if (shard.Curve.TimeOfArrival(n) is not { } at)
                return true;
            var due = clock.TimestampAt(at);
            if (!ArrivalWaiter.WaitUntil(due, stop))
                return false;
            Release(n++, due, stop, abort);
        }
        return false;
    }

    private void Release(long id, long due, CancellationToken stop, CancellationToken abort)
    {
        if (Interlocked.Read(ref _outstanding) >= shard.Load.MaxInFlight)
        {
            recorder.RecordArrival(due, recorder.Clock.Now, dropped: true);
            return;
        }
        Interlocked.Increment(ref _outstanding);
        _ = Task.Run(() => ArriveAsync(id, due, stop, abort), CancellationToken.None);
    }

    private async Task<bool> IssueAsync(CancellationToken stop, CancellationToken abort)
    {
        var clock = recorder.Clock;
        long n = 0;
        var completed = false;
        while (!stop.IsCancellationRequested)
        {
            if (shard.Curve.TimeOfArrival(n) is not { } at)
            {
                completed = true;
                break;
            }
            var due = clock.TimestampAt(at);
            var wait = time.GetElapsedTime(clock.Now, due);
            if (wait >= Resolution)
            {
                try
                {
                    await Task.Delay(wait, time, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                continue;
            }
            Release(n++, due, stop, abort);
        }
        return completed;
    }

    private async Task ArriveAsync(long id, long due, CancellationToken stop, CancellationToken abort)
    {
        // As a closed-model user's loop (ClosedModelDriver.LoopAsync): its awaits capture no execution context.
        _ = ExecutionContext.SuppressFlow();
        try
        {
            // The lag is taken where the iteration really begins, so a busy thread pool shows up in it too;
            // latency counts from the due time either way (from the actual start only if that came early).
            var started = recorder.Clock.Now;
            recorder.RecordArrival(due, started, dropped: false);
            var intendedStart = Math.Min(due, started);
            using var user = new VirtualUser(id, shard.Spec.ShardIndex, abort);
            await iterations.RunAsync(user, intendedStart, stop, abort);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            console.Line($"unexpected error in an iteration: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            if (Interlocked.Decrement(ref _outstanding) == 0 && _issuingDone)
                _drained.TrySetResult();
        }
    }
}
