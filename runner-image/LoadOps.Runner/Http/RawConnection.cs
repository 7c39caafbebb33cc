using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using LoadOps.Runner.Execution;
using LoadOps.Runner.Http.Loop;

namespace LoadOps.Runner.Http;

/// <summary>
/// One keep-alive HTTP/1.1 connection on a socket (optionally TLS): writes a request, parses the status line and
/// headers, and reads a Content-Length, chunked or until-close body into the user's buffer or discards it.
/// One exchange at a time (the transport's pool sees to it); pooled async builders: no box per wait on the socket.
/// </summary>
internal sealed class RawConnection : IDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private readonly Stream _stream;
    private readonly LoopStream? _loopStream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _start;
    private int _end;
    private VirtualUser? _user;
    private bool _keep;
    private int _bodyLength;
    private int _lineStart;

    private RawConnection(Stream stream, LoopStream? loopStream)
    {
        _stream = stream;
        _loopStream = loopStream;
    }

    /// <summary>False once the server asked to close, or the body ran to the end of the connection.</summary>
    public bool Reusable { get; private set; } = true;

    /// <summary>True after a complete exchange: a later failure before any response byte may be a stale keep-alive.</summary>
    public bool HasExchanged { get; private set; }

    /// <summary>Response bytes read in the current exchange.</summary>
    public long Received { get; private set; }

    /// <summary>On a <see cref="SocketLoop"/> (where the token passed in only aborts): the <see cref="System.Diagnostics.Stopwatch"/> timestamp the current exchange must end by.</summary>
    public long Deadline
    {
        set
        {
            if (_loopStream is not null)
                _loopStream.Deadline = value;
        }
    }

    /// <summary>Connects on .NET's sockets (and negotiates TLS when <paramref name="tls"/> is set); the token carries the timeout.</summary>
    public static ValueTask<RawConnection> OpenAsync(EndPoint endPoint, System.Net.Security.SslClientAuthenticationOptions? tls, CancellationToken cancellationToken) =>
        OpenAsync(endPoint, tls, null, long.MaxValue, cancellationToken);

    /// <summary>Connects on <paramref name="loop"/> when given (by <paramref name="deadline"/>), else as above; see <see cref="RawConnector"/>.</summary>
    public static async ValueTask<RawConnection> OpenAsync(EndPoint endPoint, System.Net.Security.SslClientAuthenticationOptions? tls, SocketLoop? loop, long deadline, CancellationToken cancellationToken)
    {
        var (stream, onLoop) = await RawConnector.ConnectAsync(endPoint, tls, loop, deadline, cancellationToken);
        return new RawConnection(stream, onLoop);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<(int Status, int BodyLength, string? Headers)> ExchangeAsync(
        ReadOnlyMemory<byte> request, bool isHead, VirtualUser user, bool keepBody, bool keepHeaders, CancellationToken cancellationToken)
    {
        (_user, _keep, _bodyLength, Received) = (user, keepBody, 0, 0);
        await _stream.WriteAsync(request, cancellationToken);

        int headEnd;
        while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
            Filled(await _stream.ReadAsync(RoomToFill(), cancellationToken));
        var head = ResponseHead.Parse(_buffer.AsSpan(_start, headEnd));
        var headers = keepHeaders ? Encoding.Latin1.GetString(_buffer, _start, headEnd) : null;
        _start += headEnd + 4;
        if (head.Close)
            Reusable = false;

        if (isHead || head.Status is 204 or 304 or < 200)
        {
            // No body by definition.
        }
        else if (head.Chunked)
            await ReadChunkedAsync(cancellationToken);
        else if (head.ContentLength >= 0)
            await CopyAsync(head.ContentLength, cancellationToken);
        else
        {
            Reusable = false;
            await CopyAsync(long.MaxValue, cancellationToken);
        }
        HasExchanged = true;
        _user = null;
        return (head.Status, _bodyLength, headers);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadChunkedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var size = ParseChunkSize(await ReadLineAsync(cancellationToken));
            if (size == 0)
            {
                while (await ReadLineAsync(cancellationToken) > 0)
                {
                    // Trailer fields: read and ignored.
                }
                return;
            }
            await CopyAsync(size, cancellationToken);
            if (await ReadLineAsync(cancellationToken) != 0)
                throw new MalformedResponseException("malformed chunked body: no line break after a chunk");
        }
    }

    /// <summary>Consumes one line; returns its length. The line's bytes stay readable just before <see cref="_start"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadLineAsync(CancellationToken cancellationToken)
    {
        int end;
        while ((end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
            Filled(await _stream.ReadAsync(RoomToFill(), cancellationToken));
        _lineStart = _start;
        _start += end + 2;
        return end;
    }

    private long ParseChunkSize(int length)
    {
        var line = _buffer.AsSpan(_lineStart, length);
        var extension = line.IndexOf((byte)';');
        if (extension >= 0)
            line = line[..extension];
        if (!Utf8Parser.TryParse(line.Trim((byte)' '), out long size, out var used, 'X') || used != line.Trim((byte)' ').Length || size < 0)
            throw new MalformedResponseException("malformed chunked body: bad chunk size");
        return size;
    }

    /// <summary>Moves up to <paramref name="length"/> body bytes (all of them, or to the end of the stream when unbounded).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask CopyAsync(long length, CancellationToken cancellationToken)
    {
        var remaining = length;
        var buffered = (int)Math.Min(remaining, _end - _start);
        Take(_buffer.AsSpan(_start, buffered));
        _start += buffered;
        remaining -= buffered;
        if (_start == _end)
            _start = _end = 0;
        while (remaining > 0)
        {
            Memory<byte> into;
            if (_keep)
            {
                if (_bodyLength == _user!.Buffer.Length)
                    _user.GrowBuffer(_bodyLength);
                into = _user.Buffer.AsMemory(_bodyLength, (int)Math.Min(remaining, _user.Buffer.Length - _bodyLength));
            }
            else
                into = _buffer.AsMemory(0, (int)Math.Min(remaining, _buffer.Length));
            var read = await _stream.ReadAsync(into, cancellationToken);
            if (read == 0)
            {
                if (length == long.MaxValue)
                    return;
                throw new IOException("the server closed the connection in the middle of the body");
            }
            Received += read;
            remaining -= read;
            _bodyLength += _keep ? read : 0;
        }
    }

    private void Take(ReadOnlySpan<byte> bytes)
    {
        if (!_keep || bytes.IsEmpty)
            return;
        while (_user!.Buffer.Length - _bodyLength < bytes.Length)
            _user.GrowBuffer(_bodyLength);
        bytes.CopyTo(_user.Buffer.AsSpan(_bodyLength));
        _bodyLength += bytes.Length;
    }

    /// <summary>Where the next read goes: the free end of the buffer, made by moving the unread bytes to its start or growing it.</summary>
    private Memory<byte> RoomToFill()
    {
        if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                (_start, _end) = (0, _end - _start);
            }
            else if (_buffer.Length < MaxHeaderBytes)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                _buffer.AsSpan(0, _end).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }
            else
                throw new MalformedResponseException($"the response's header section is larger than {MaxHeaderBytes / 1024} KB");
        }
        return _buffer.AsMemory(_end);
    }

    /// <summary>Counts a read into <see cref="RoomToFill"/>; the end of the stream there is a failure.</summary>
    private void Filled(int read)
    {
        if (read == 0)
            throw new IOException(Received == 0 ? "the server closed the connection before responding" : "the server closed the connection in the middle of the response");
        Received += read;
        _end += read;
    }

    public void Dispose()
    {
        _stream.Dispose();
        if (_buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
