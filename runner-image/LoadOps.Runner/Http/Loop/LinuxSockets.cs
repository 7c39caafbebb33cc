using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LoadOps.Runner.Http.Loop;

/// <summary>
/// The Linux calls the socket loop makes itself (libc): an epoll set, and send/recv on non-blocking sockets.
/// Every call is non-blocking except <see cref="Wait"/>, which only the loop's own thread makes.
/// </summary>
internal static unsafe partial class LinuxSockets
{
    public const int TryAgain = 11;
    public const int Interrupted = 4;

    private const uint In = 0x001;
    private const uint Out = 0x004;
    private const uint Error = 0x008;
    private const uint HangUp = 0x010;
    private const uint PeerClosed = 0x2000;
    private const uint EdgeTriggered = 1u << 31;
    private const int ControlAdd = 1;
    private const int ControlDelete = 2;
    private const int NoSignal = 0x4000;

    /// <summary>x86-64 packs epoll_event into 12 bytes; the other 64-bit Linux ABIs align its data to 8.</summary>
    public static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static readonly int DataOffset = EventSize == 12 ? 4 : 8;

    /// <summary>Whether this process can run the loop: Linux on x86-64 or Arm64 (where the layout above is known).</summary>
    public static bool Supported { get; } = OperatingSystem.IsLinux() &&
        RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    public static int CreateEpoll()
    {
        var epoll = EpollCreate(0);
        return epoll >= 0 ? epoll : throw Failure("epoll_create1");
    }

    /// <summary>Adds a socket to the set, edge-triggered for input, output and the peer's close, tagged with its slot.</summary>
    public static void Add(int epoll, int socket, int slot)
    {
        var ev = stackalloc byte[16];
        Unsafe.WriteUnaligned(ev, In | Out | PeerClosed | EdgeTriggered);
        Unsafe.WriteUnaligned(ev + DataOffset, (ulong)slot);
        if (EpollControl(epoll, ControlAdd, socket, ev) != 0)
            throw Failure("epoll_ctl");
    }

    /// <summary>Removes a socket from the set; a socket already closed has left it by itself.</summary>
    public static void Remove(int epoll, int socket)
    {
        var ev = stackalloc byte[16];
        _ = EpollControl(epoll, ControlDelete, socket, ev);
    }

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> for events; returns how many (0 when interrupted).</summary>
    public static int Wait(int epoll, byte* events, int capacity, int timeoutMilliseconds)
    {
        var count = EpollWait(epoll, events, capacity, timeoutMilliseconds);
        if (count >= 0)
            return count;
        return Marshal.GetLastPInvokeError() == Interrupted ? 0 : throw Failure("epoll_wait");
    }

    public static int SlotAt(byte* events, int index) => (int)Unsafe.ReadUnaligned<ulong>(events + (index * EventSize) + DataOffset);

    /// <summary>Whether the event says the peer closed or the socket failed: from then on a read never blocks.</summary>
    public static bool EndedAt(byte* events, int index) => (Unsafe.ReadUnaligned<uint>(events + (index * EventSize)) & (PeerClosed | HangUp | Error)) != 0;

    /// <summary>Bytes sent, or -1 with <paramref name="errno"/> set.</summary>
    public static int Send(int socket, ReadOnlySpan<byte> bytes, out int errno)
    {
        nint sent;
        fixed (byte* start = bytes)
            sent = SendNative(socket, start, bytes.Length, NoSignal);
        errno = sent < 0 ? Marshal.GetLastPInvokeError() : 0;
        return (int)sent;
    }

    /// <summary>Bytes received (0 at the end of the stream), or -1 with <paramref name="errno"/> set.</summary>
    public static int Receive(int socket, Span<byte> into, out int errno)
    {
        nint received;
        fixed (byte* start = into)
            received = ReceiveNative(socket, start, into.Length, 0);
        errno = received < 0 ? Marshal.GetLastPInvokeError() : 0;
        return (int)received;
    }

    public static void CloseEpoll(int epoll) => _ = CloseNative(epoll);

    private static SocketException Failure(string call)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new((int)SocketErrors.FromErrno(errno), $"{call} failed: errno {errno}");
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int EpollCreate(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollControl(int epoll, int operation, int fd, byte* ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static partial int EpollWait(int epoll, byte* events, int capacity, int timeout);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static partial nint SendNative(int socket, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static partial nint ReceiveNative(int socket, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseNative(int fd);
}
