using LoadOps.Cloud.Pools;
using Microsoft.Extensions.Logging;

namespace LoadOps.Runner.Agent;

/// <summary>
/// The heartbeat of a work item while its shard runs and uploads: renews the lock (Storage visibility, Service Bus lock)
/// every interval so no other agent takes the shard. A transient failure is retried at the next beat; a lost lock is
/// logged and ends the heartbeat (another agent may then run the shard too; collect counts a shard once).
/// </summary>
internal sealed class LockKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private WorkItem _current;
    private int _disposed;

    public LockKeeper(IWorkQueue queue, WorkItem item, TimeSpan every, TimeProvider time, ILogger log)
    {
        _current = item;
        _loop = BeatAsync(queue, every, time, log, _stop.Token);
    }

    /// <summary>The item with its latest receipt: settle with this one.</summary>
    public WorkItem Current => Volatile.Read(ref _current);

    public bool LockLost { get; private set; }

    private async Task BeatAsync(IWorkQueue queue, TimeSpan every, TimeProvider time, ILogger log, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, stop);
                Volatile.Write(ref _current, await queue.RenewAsync(Current, stop));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (WorkQueueException e) when (e.Failure == WorkQueueFailure.LockLost)
            {
                LockLost = true;
                AgentLog.LockLost(log, e.Message);
                return;
            }
            catch (WorkQueueException e)
            {
                AgentLog.HeartbeatRetrying(log, e.Message);
            }
        }
    }

    /// <summary>Stops the heartbeat; safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
