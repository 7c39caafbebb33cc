using System.Net;
using System.Net.WebSockets;
using LoadOps.Runner.Http;

namespace LoadOps.Runner.Execution;

/// <summary>
/// One message and its reply on a virtual user's WebSocket. The socket is opened on first use (through the egress
/// guard, with the target's TLS trust and the step's headers on the handshake) and reused by the user's later
/// WebSocket steps on the same URL; a failed exchange closes it, so the next one reconnects.
/// </summary>
internal sealed class WebSocketExchange(TlsTrust tls) : IDisposable
{
    /// <summary>Largest reply kept; a longer one fails the step rather than growing the buffer without bound.</summary>
    public const int MaxReplyBytes = 4 * 1024 * 1024;

    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        SslOptions = tls.Options(null),
        ConnectCallback = EgressConnect.ConnectAsync,
        ActivityHeadersPropagator = null,
    }, disposeHandler: true);

    /// <summary>The ws:// or wss:// URL of a path resolved on the target's http(s) baseUrl.</summary>
    public static Uri SocketUri(Uri httpUri) =>
        new UriBuilder(httpUri) { Scheme = httpUri.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;

    /// <summary>Sends <paramref name="message"/> and reads one whole reply into the user's buffer; returns its length and the bytes moved.</summary>
    public async ValueTask<(int Length, long Sent, long Received)> ExchangeAsync(Uri uri, ReadOnlyMemory<byte> message, VirtualUser user, CancellationToken cancellationToken)
    {
        long sent = 0;
        if (!user.Sockets.TryGetValue(uri, out var socket) || socket.State != WebSocketState.Open)
        {
            socket?.Dispose();
            socket = new ClientWebSocket();
            socket.Options.CollectHttpResponseDetails = true;
            foreach (var (name, value) in user.Headers)
                socket.Options.SetRequestHeader(name, value);
            if (!UserAgent.IsSet(user.Headers))
                socket.Options.SetRequestHeader(UserAgent.HeaderName, UserAgent.Value);
            sent += 200 + user.Headers.Sum(h => h.Name.Length + h.Value.Length + 4);
            try
            {
                await socket.ConnectAsync(uri, _invoker, cancellationToken);
            }
            catch (WebSocketException) when (socket.HttpStatusCode is not 0 and not HttpStatusCode.SwitchingProtocols)
            {
                var status = (int)socket.HttpStatusCode;
                socket.Dispose();
                throw new HandshakeRefusedException(status);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            user.Sockets[uri] = socket;
        }
        try
        {
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            sent += message.Length;
            var length = 0;
            while (true)
            {
                if (length == user.Buffer.Length)
                {
                    if (length >= MaxReplyBytes)
                        throw new WebSocketException(WebSocketError.Faulted, $"the reply is longer than {MaxReplyBytes / (1024 * 1024)} MiB");
                    user.GrowBuffer(length);
                }
                var received = await socket.ReceiveAsync(user.Buffer.AsMemory(length), cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                    throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "the server closed the socket instead of replying");
                length += received.Count;
                if (received.EndOfMessage)
                    return (length, sent, length);
            }
        }
        catch
        {
            user.Sockets.Remove(uri);
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _invoker.Dispose();

    /// <summary>The server answered the handshake with an HTTP status instead of switching protocols.</summary>
    public sealed class HandshakeRefusedException(int status)
        : Exception($"the server answered the WebSocket handshake with status {status} instead of 101")
    {
        public int Status { get; } = status;
    }
}
