using Azure;
using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// Keeps the messages of one received batch hidden while the pump works through them: every third of the lease each
/// message not yet settled is hidden for another lease. A worker that dies stops renewing, so its messages come back
/// after at most one lease. Settling a message takes it out (<see cref="TakeAsync"/>) and gives its newest receipt.
/// </summary>
internal sealed class StageLeases : IAsyncDisposable
{
    private readonly StageQueue _queue;
    private readonly TimeSpan _lease;
    private readonly TimeProvider _clock;
    private readonly Action<string> _log;
    private readonly Dictionary<string, StageReceipt> _open;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    public StageLeases(StageQueue queue, IEnumerable<StageReceipt> receipts, TimeSpan lease, TimeProvider clock, Action<string> log)
    {
        _queue = queue;
        _lease = lease;
        _clock = clock;
        _log = log;
        _open = receipts.ToDictionary(r => r.MessageId, StringComparer.Ordinal);
        _renewing = _open.Count == 0 ? Task.CompletedTask : RenewAsync(_stop.Token);
    }

    /// <summary>Stops renewing one message; its newest receipt, or null when its lease was lost (another worker may have it).</summary>
    public async Task<StageReceipt?> TakeAsync(string messageId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _open.Remove(messageId, out var receipt) ? receipt : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RenewAsync(CancellationToken stop)
    {
        var every = _lease / 3;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, _clock, stop);
                await _gate.WaitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                foreach (var (id, receipt) in _open.ToList())
                {
                    try
                    {
                        _open[id] = await _queue.ExtendAsync(receipt, _lease, stop);
                    }
                    catch (RequestFailedException e) when (e.Status is 400 or 404)
                    {
                        // The lease ran out before it was renewed and someone else received the message: it is theirs now.
                        _open.Remove(id);
                        _log($"{_queue.Name}: lost the lease of message {id} ({e.ErrorCode}); another worker may handle it");
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Storage hiccup: the lease still has two thirds left; the next round tries again.
                        var why = e is RequestFailedException r ? $"{r.Status} {r.ErrorCode}" : e.GetType().Name;
                        _log($"{_queue.Name}: renewing the lease of message {id} failed ({why}); trying again");
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
        _gate.Dispose();
    }
}
