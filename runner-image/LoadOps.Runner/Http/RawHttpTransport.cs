using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using LoadOps.Runner.Execution;
using LoadOps.Runner.Http.Loop;

namespace LoadOps.Runner.Http;

/// <summary>
/// The lean transport: requests written straight as HTTP/1.1 bytes (cached for steps without templates) over a
/// pool of keep-alive <see cref="RawConnection"/>s to the one target. A request that fails on a reused connection
/// before any response byte arrives is retried once on a new connection (the server may have closed it idle).
/// On Linux the connections run on <see cref="SocketLoop"/>s (one per core), where a request's timeout is a deadline
/// the loop checks, not a timer; elsewhere on .NET's sockets with the virtual user's timeout token.
/// </summary>
internal sealed class RawHttpTransport : IHttpTransport
{
    private static readonly byte[] JsonContentType = "Content-Type: application/json; charset=utf-8\r\n"u8.ToArray();
    // A locked stack, not ConcurrentStack: that allocates a node for every connection handed back, once per request.
    private readonly Stack<RawConnection> _idle = new();
    private readonly Lock _idleGate = new();
    private readonly EndPoint _endPoint;
    private readonly System.Net.Security.SslClientAuthenticationOptions? _tls;
    private readonly string _host;
    private readonly byte[]?[] _fixedRequests;
    private readonly SocketLoopGroup? _loops;

    /// <param name="onSocketLoop">False keeps the connections on .NET's sockets even where the loop runs (the tests cover both).</param>
    public RawHttpTransport(Uri baseUri, int stepCount, TlsTrust? trust = null, bool onSocketLoop = true)
    {
        _loops = onSocketLoop ? SocketLoopGroup.ForThisMachine() : null;
        _endPoint = IPAddress.TryParse(baseUri.IdnHost.Trim('[', ']'), out var address)
            ? new IPEndPoint(address, baseUri.Port)
            : new DnsEndPoint(baseUri.IdnHost, baseUri.Port);
        _tls = baseUri.Scheme == Uri.UriSchemeHttps ? (trust ?? TlsTrust.System).Options(baseUri.IdnHost.Trim('[', ']')) : null;
        _host = baseUri.Authority;
        _fixedRequests = new byte[]?[stepCount];
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TransportResponse> SendAsync(PreparedStep step, Uri uri, byte[]? body, VirtualUser user, CancellationToken abort)
    {
        // On a loop an exchange's timeout is a deadline the loop checks; opening a connection (name lookup, TLS) takes the timer still.
        var onLoop = _loops is not null;
        var (deadline, cancellationToken) = onLoop ? (DeadlineAfter(step.Timeout), abort) : (long.MaxValue, user.StartTimeout(step.Timeout));
        ReadOnlyMemory<byte> request;
        if (step.IsFixed)
            request = _fixedRequests[step.Index] ??= Write(step, uri, body, user, new ArrayBufferWriter<byte>(256)).WrittenMemory.ToArray();
        else
            request = Write(step, uri, body, user, user.RequestBytes).WrittenMemory;

        var isHead = step.Method == HttpMethod.Head;
        for (var attempt = 0; ; attempt++)
        {
            // A retry always takes a new connection: the idle ones may be just as stale.
            var connection = attempt == 0 && TryTakeIdle() is { } pooled ? pooled : await RawConnection.OpenAsync(_endPoint, _tls, _loops?.Next(), deadline, onLoop ? user.StartTimeout(step.Timeout) : cancellationToken);
            try
            {
                connection.Deadline = deadline;
                var (status, length, headers) = await connection.ExchangeAsync(request, isHead, user, step.Checks.NeedsBody, step.Checks.NeedsHeaders, cancellationToken);
                var received = connection.Received;
                if (connection.Reusable)
                {
                    lock (_idleGate)
                        _idle.Push(connection);
                }
                else
                    connection.Dispose();
                return new TransportResponse(status, length, request.Length, received, headers is null ? null : name => HeaderValue(headers, name));
            }
            catch (IOException) when (attempt == 0 && connection.HasExchanged && connection.Received == 0 && !cancellationToken.IsCancellationRequested)
            {
                connection.Dispose();
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
    }

    private static long DeadlineAfter(TimeSpan timeout)
    {
        var now = Stopwatch.GetTimestamp();
        var ticks = timeout.TotalSeconds * Stopwatch.Frequency;
        return timeout == Timeout.InfiniteTimeSpan || ticks >= long.MaxValue - now ? long.MaxValue : now + (long)ticks;
    }

    private ArrayBufferWriter<byte> Write(PreparedStep step, Uri uri, byte[]? body, VirtualUser user, ArrayBufferWriter<byte> output)
    {
        output.ResetWrittenCount();
        Append(output, step.Method.Method);
        Append(output, " ");
        Append(output, uri.PathAndQuery);
        Append(output, " HTTP/1.1\r\n");
        var hasHost = false;
        foreach (var (name, value) in user.Headers)
        {
            if (value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal))
                throw new InvalidOperationException($"header '{name}' has a line break in its value; the request was not sent");
            hasHost |= name.Equals("Host", StringComparison.OrdinalIgnoreCase);
            Append(output, name);
            Append(output, ": ");
            Append(output, value);
            Append(output, "\r\n");
        }
        if (!UserAgent.IsSet(user.Headers))
        {
            Append(output, "User-Agent: ");
            Append(output, UserAgent.Value);
            Append(output, "\r\n");
        }
        if (!hasHost)
        {
            Append(output, "Host: ");
            Append(output, _host);
            Append(output, "\r\n");
        }
        if (step.Json is not null)
            output.Write(JsonContentType);
        if (body is not null || step.Method == HttpMethod.Post || step.Method == HttpMethod.Put || step.Method == HttpMethod.Patch)
        {
            Append(output, "Content-Length: ");
            Append(output, (body?.Length ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Append(output, "\r\n");
        }
        Append(output, "\r\n");
        if (body is not null)
            output.Write(body);
        return output;
    }

    private static void Append(ArrayBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private static string? HeaderValue(string headers, string name)
    {
        List<string>? values = null;
        foreach (var line in headers.Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
                (values ??= []).Add(line[(colon + 1)..].Trim());
        }
        return values is null ? null : string.Join(",", values);
    }

    private RawConnection? TryTakeIdle()
    {
        lock (_idleGate)
            return _idle.TryPop(out var connection) ? connection : null;
    }

    public void Dispose()
    {
        while (TryTakeIdle() is { } connection)
            connection.Dispose();
        _loops?.Dispose();
    }
}
