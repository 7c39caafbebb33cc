using System.Net.Sockets;

namespace LoadOps.Runner.Http.Loop;

/// <summary>
/// Linux errno values as <see cref="SocketError"/>, so a failure on the loop reads (and is classified) exactly as the
/// same failure through .NET's own sockets: <c>new SocketException(errno)</c> does not translate on Linux.
/// </summary>
internal static class SocketErrors
{
    public static SocketError FromErrno(int errno) => errno switch
    {
        32 => SocketError.Shutdown,            // EPIPE: writing after the peer closed
        100 => SocketError.NetworkDown,
        101 => SocketError.NetworkUnreachable,
        103 => SocketError.ConnectionAborted,
        104 => SocketError.ConnectionReset,
        107 => SocketError.NotConnected,
        110 => SocketError.TimedOut,
        111 => SocketError.ConnectionRefused,
        113 => SocketError.HostUnreachable,
        LinuxSockets.TryAgain => SocketError.WouldBlock,
        LinuxSockets.Interrupted => SocketError.Interrupted,
        _ => SocketError.SocketError,
    };

    /// <summary>The exception a failed send or receive surfaces as: an <see cref="IOException"/> around the socket error, as NetworkStream throws.</summary>
    public static IOException Failure(string what, int errno)
    {
        var socket = new SocketException((int)FromErrno(errno));
        return new IOException($"{what} failed: {socket.Message}", socket);
    }
}
