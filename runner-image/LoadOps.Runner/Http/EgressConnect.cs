using System.Net;
using System.Net.Sockets;
using LoadOps.Core.Policy;

namespace LoadOps.Runner.Http;

/// <summary>
/// The egress guard at connect time, for both clients: the target's name is resolved once, every address is checked
/// (<see cref="EgressGuard"/>), and the socket connects to the checked address. Private and link-local targets need
/// LOADOPS_EGRESS_ALLOW_PRIVATE=1 / LOADOPS_EGRESS_ALLOW_LINK_LOCAL=1 on the runner.
/// </summary>
internal static class EgressConnect
{
    public static EgressRules Rules { get; } = new()
    {
        AllowPrivate = Environment.GetEnvironmentVariable("LOADOPS_EGRESS_ALLOW_PRIVATE") == "1",
        AllowLinkLocal = Environment.GetEnvironmentVariable("LOADOPS_EGRESS_ALLOW_LINK_LOCAL") == "1",
    };

    /// <summary>The checked address to connect to; a refusal is a connection error that names the reason.</summary>
    public static async ValueTask<IPEndPoint> CheckedAsync(EndPoint endPoint, CancellationToken cancellationToken)
    {
        var (host, port) = endPoint switch
        {
            DnsEndPoint dns => (dns.Host, dns.Port),
            IPEndPoint ip => (ip.Address.ToString(), ip.Port),
            _ => throw new HttpRequestException(HttpRequestError.ConnectionError, $"egress refused: {endPoint} is not a network address"),
        };
        var decision = await EgressGuard.CheckAsync(host, Rules, cancellationToken);
        return decision.Address is { } address
            ? new IPEndPoint(address, port)
            : throw new HttpRequestException(HttpRequestError.ConnectionError, "egress refused: " + decision.Problem);
    }

    /// <summary>SocketsHttpHandler.ConnectCallback: TLS (with the original host name) is layered on top by the handler.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        await ConnectCheckedAsync(await CheckedAsync(context.DnsEndPoint, cancellationToken), cancellationToken);

    /// <summary>A stream on .NET's sockets to an address <see cref="CheckedAsync"/> gave (no Nagle delay).</summary>
    public static async ValueTask<Stream> ConnectCheckedAsync(IPEndPoint target, CancellationToken cancellationToken)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
