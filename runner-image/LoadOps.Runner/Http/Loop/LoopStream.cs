using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace LoadOps.Runner.Http.Loop;

/// <summary>
/// A connected non-blocking TCP socket read and written with direct send/recv calls, waiting on its
/// <see cref="SocketLoop"/> only when a call would block. Reads skip the call that would only say EAGAIN: after a
/// short read the socket is known empty, so the next read waits for the event first (one recv per response, as wrk),
/// unless the peer has closed (its close may be queued behind the data just read, its event already taken).
/// Waits end at <see cref="Deadline"/> (the current exchange's timeout) or when the token passed in is cancelled.
/// </summary>
internal sealed class LoopStream : Stream
{
    private readonly Socket _socket;
    private readonly int _fd;
    private readonly SocketLoop _loop;
    private readonly int _slot;
    private readonly Readiness _readiness = new();
    private bool _empty = true;
    private bool _ended;
    private bool _disposed;

    private LoopStream(Socket socket, SocketLoop loop)
    {
        _socket = socket;
        _fd = (int)socket.SafeHandle.DangerousGetHandle();
        _loop = loop;
        _slot = loop.Register(_fd, _readiness);
    }

    /// <summary>A <see cref="System.Diagnostics.Stopwatch"/> timestamp: waits after it fail as the step's timeout.</summary>
    public long Deadline { get; set; } = long.MaxValue;

    /// <summary>Connects to <paramref name="endPoint"/> (already checked by the egress guard); a refusal or failure is a <see cref="SocketException"/>.</summary>
    public static async ValueTask<LoopStream> ConnectAsync(IPEndPoint endPoint, SocketLoop loop, long deadline, CancellationToken abort)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
        LoopStream? stream = null;
        try
        {
            stream = new LoopStream(socket, loop) { Deadline = deadline };
            if (!StartConnect(socket, endPoint))
            {
                // Writable means connected or failed; a wake-up before that (a stale event of the slot) waits again.
                do
                    await stream._readiness.WaitAsync(deadline, abort);
                while (!socket.Poll(0, SelectMode.SelectWrite));
                if (socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) is int error and not 0)
                    throw new SocketException(error);
            }
            return stream;
        }
        catch
        {
            if (stream is not null)
                await stream.DisposeAsync();
            else
                socket.Dispose();
            throw;
        }
    }

    /// <summary>True when connected at once; false when the connect is under way.</summary>
    private static bool StartConnect(Socket socket, IPEndPoint endPoint)
    {
        try
        {
            socket.Connect(endPoint);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            return false;
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var failure = SendWhatFits(ref buffer);
        return failure is not null ? ValueTask.FromException(failure)
            : buffer.IsEmpty ? ValueTask.CompletedTask
            : WriteAfterWaitAsync(buffer, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteAfterWaitAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            await _readiness.WaitAsync(Deadline, cancellationToken);
            if (SendWhatFits(ref buffer) is { } failure)
                throw failure;
        }
    }

    /// <summary>Sends until <paramref name="buffer"/> is empty or the socket's send buffer is full; the failure, if one.</summary>
    private IOException? SendWhatFits(ref ReadOnlyMemory<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var sent = LinuxSockets.Send(_fd, buffer.Span, out var errno);
            if (sent >= 0)
                buffer = buffer[sent..];
            else if (errno == LinuxSockets.TryAgain)
                return null;
            else if (errno != LinuxSockets.Interrupted)
                return SocketErrors.Failure("sending to the connection", errno);
        }
        return null;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_ended || buffer.IsEmpty)
            return ValueTask.FromResult(0);
        if (_empty && !_readiness.Ended)
            return ReadAfterWaitAsync(buffer, cancellationToken);
        return TryReceive(buffer.Span, out var read, out var failure) ? ValueTask.FromResult(read)
            : failure is not null ? ValueTask.FromException<int>(failure)
            : ReadAfterWaitAsync(buffer, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadAfterWaitAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            await _readiness.WaitAsync(Deadline, cancellationToken);
            if (TryReceive(buffer.Span, out var read, out var failure))
                return read;
            if (failure is not null)
                throw failure;
        }
    }

    /// <summary>False with no failure when the socket has nothing yet (wait for it).</summary>
    private bool TryReceive(Span<byte> into, out int read, out IOException? failure)
    {
        failure = null;
        while (true)
        {
            read = LinuxSockets.Receive(_fd, into, out var errno);
            if (read >= 0)
            {
                _empty = read < into.Length;
                _ended = read == 0;
                return true;
            }
            if (errno == LinuxSockets.TryAgain)
            {
                _empty = true;
                return false;
            }
            if (errno != LinuxSockets.Interrupted)
            {
                failure = SocketErrors.Failure("receiving from the connection", errno);
                return false;
            }
        }
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
        // Every write is sent at once: nothing is buffered here.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // A blocking call on the loop's thread would stall every connection on it: only the asynchronous calls exist.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("the socket loop's streams are read asynchronously only");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("the socket loop's streams are written asynchronously only");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _loop.Unregister(_fd, _slot);
            _socket.Dispose();
        }
        base.Dispose(disposing);
    }
}
