using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LoadOps.Runner.Http.Loop;

/// <summary>
/// One thread that owns an epoll set and wakes the socket waits registered on it (<see cref="Readiness"/>): the
/// continuation of a wait, that is the rest of the exchange and the step code after it, runs on this thread, with no
/// thread-pool hop, no operation queue and no timer per request. Every <see cref="SweepMilliseconds"/> it fails the
/// waits whose deadline passed or whose run was aborted, so a timeout is that much late at most.
/// </summary>
internal sealed unsafe class SocketLoop : IDisposable
{
    public const int SweepMilliseconds = 20;
    private const int EventsPerWait = 256;
    private static readonly long SweepTicks = Stopwatch.Frequency * SweepMilliseconds / 1000;

    private readonly int _epoll = LinuxSockets.CreateEpoll();
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private readonly Stack<int> _freeSlots = new();
    private Readiness?[] _slots = new Readiness?[64];
    private int _slotsUsed;
    private volatile bool _stopping;

    public SocketLoop(int number)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = $"loadops socket loop {number}" };
        _thread.Start();
    }

    /// <summary>Adds a socket; its events wake <paramref name="readiness"/>. Returns the slot to unregister it by.</summary>
    public int Register(int socket, Readiness readiness)
    {
        lock (_gate)
        {
            if (!_freeSlots.TryPop(out var slot))
            {
                slot = _slotsUsed++;
                if (slot == _slots.Length)
                {
                    var bigger = new Readiness?[_slots.Length * 2];
                    _slots.CopyTo(bigger, 0);
                    Volatile.Write(ref _slots, bigger);
                }
            }
            _slots[slot] = readiness;
            try
            {
                LinuxSockets.Add(_epoll, socket, slot);
            }
            catch
            {
                _slots[slot] = null;
                _freeSlots.Push(slot);
                throw;
            }
            return slot;
        }
    }

    /// <summary>Removes a socket before it is closed. A stale event already taken for its slot wakes the next owner spuriously, which is harmless.</summary>
    public void Unregister(int socket, int slot)
    {
        lock (_gate)
        {
            LinuxSockets.Remove(_epoll, socket);
            _slots[slot] = null;
            _freeSlots.Push(slot);
        }
    }

    private void Run()
    {
        // The awaits resumed here then capture no execution context, so their next resumption skips restoring one
        // (measurable on every request); nothing run by a virtual user reads an async-local value.
        ExecutionContext.SuppressFlow();
        var events = (byte*)NativeMemory.Alloc((nuint)(EventsPerWait * LinuxSockets.EventSize));
        try
        {
            var nextSweep = Stopwatch.GetTimestamp() + SweepTicks;
            while (!_stopping)
            {
                var count = LinuxSockets.Wait(_epoll, events, EventsPerWait, SweepMilliseconds);
                var slots = Volatile.Read(ref _slots);
                for (var i = 0; i < count; i++)
                {
                    var slot = LinuxSockets.SlotAt(events, i);
                    if ((uint)slot < (uint)slots.Length)
                        slots[slot]?.Signal(LinuxSockets.EndedAt(events, i));
                }
                var now = Stopwatch.GetTimestamp();
                if (now >= nextSweep)
                {
                    foreach (var readiness in Volatile.Read(ref _slots))
                        readiness?.Expire(now);
                    nextSweep = now + SweepTicks;
                }
            }
        }
        finally
        {
            NativeMemory.Free(events);
            LinuxSockets.CloseEpoll(_epoll);
        }
    }

    /// <summary>Stops the loop within one sweep; called on the loop's own thread, the loop ends when that call returns to it.</summary>
    public void Dispose()
    {
        if (_stopping)
            return;
        _stopping = true;
        if (Thread.CurrentThread != _thread)
            _thread.Join();
    }
}
