namespace LoadOps.Runner.Http.Loop;

/// <summary>One <see cref="SocketLoop"/> per core this process may run on; new connections are dealt out in turn.</summary>
internal sealed class SocketLoopGroup : IDisposable
{
    private readonly SocketLoop[] _loops;
    private int _next = -1;

    public SocketLoopGroup(int loops)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(loops, 1);
        _loops = new SocketLoop[loops];
        for (var i = 0; i < loops; i++)
            _loops[i] = new SocketLoop(i);
    }

    /// <summary>A group for this machine when the loop can run here (<see cref="LinuxSockets.Supported"/>); null elsewhere.</summary>
    public static SocketLoopGroup? ForThisMachine() =>
        LinuxSockets.Supported ? new SocketLoopGroup(Environment.ProcessorCount) : null;

    public SocketLoop Next() => _loops[(int)((uint)Interlocked.Increment(ref _next) % (uint)_loops.Length)];

    public void Dispose()
    {
        foreach (var loop in _loops)
            loop.Dispose();
    }
}
