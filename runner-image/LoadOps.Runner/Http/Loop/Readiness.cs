using System.Threading.Tasks.Sources;

namespace LoadOps.Runner.Http.Loop;

/// <summary>
/// The one wait a socket on the loop can have at a time (for data, for room to send, or for its connect to end), woken
/// by the loop when epoll reports an event for the socket. Edge-triggered epoll reports each change once, so an event
/// that comes while nobody waits is kept and the next wait returns at once: a spare wake-up costs one EAGAIN call, a
/// lost one would hang the request. Only the loop's thread completes a wait, so its continuation runs there, inline.
/// </summary>
internal sealed class Readiness : IValueTaskSource
{
    private const int Idle = 0;
    private const int Waiting = 1;
    private const int Signalled = 2;

    private ManualResetValueTaskSourceCore<bool> _core;
    private int _state;
    private long _deadline;
    private CancellationToken _abort;
    private volatile bool _ended;

    /// <summary>
    /// True once an event said the peer closed or the socket failed. That event may come before the read that returns
    /// the last data, and edge-triggered epoll will not report it again: reads must then try the socket before waiting.
    /// </summary>
    public bool Ended => _ended;

    /// <summary>Returns at the next event for the socket (at once if one came since the last wait).</summary>
    /// <param name="deadline">A <see cref="System.Diagnostics.Stopwatch"/> timestamp; past it the wait fails as a timeout.</param>
    /// <param name="abort">Fails the wait when cancelled (noticed at the loop's next sweep).</param>
    public ValueTask WaitAsync(long deadline, CancellationToken abort)
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Signalled) == Signalled)
            return ValueTask.CompletedTask;
        abort.ThrowIfCancellationRequested();
        _core.Reset();
        (_deadline, _abort) = (deadline, abort);
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) == Idle)
            return new ValueTask(this, _core.Version);
        // An event came between the two exchanges: take it.
        Volatile.Write(ref _state, Idle);
        return ValueTask.CompletedTask;
    }

    /// <summary>The loop's thread: an event arrived for the socket (<paramref name="ended"/>: the peer closed or the socket failed).</summary>
    public void Signal(bool ended)
    {
        if (ended)
            _ended = true;
        if (Interlocked.Exchange(ref _state, Signalled) != Waiting)
            return;
        Volatile.Write(ref _state, Idle);
        _core.SetResult(true);
    }

    /// <summary>The loop's thread: fails the wait if its deadline has passed or its run was aborted.</summary>
    public void Expire(long now)
    {
        if (Volatile.Read(ref _state) != Waiting)
            return;
        Exception? failure = _abort.IsCancellationRequested ? new OperationCanceledException(_abort)
            : now >= _deadline ? new OperationCanceledException("the step's timeout passed while waiting on the connection")
            : null;
        if (failure is not null && Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
            _core.SetException(failure);
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
