using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace LoadOps.Runner.Http;

/// <summary>Opens the raw client's TCP connections (no Nagle delay), with TLS for https targets (SNI and trust as <see cref="TlsTrust"/> says); failures are connection errors.</summary>
internal static class RawConnector
{
    public static async ValueTask<Stream> ConnectAsync(EndPoint endPoint, SslClientAuthenticationOptions? tls, CancellationToken cancellationToken)
    {
        endPoint = await EgressConnect.CheckedAsync(endPoint, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"{e.Message} ({endPoint})", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (tls is null)
            return stream;
        var secure = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            await secure.AuthenticateAsClientAsync(tls, cancellationToken);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            await secure.DisposeAsync();
            throw new HttpRequestException(HttpRequestError.SecureConnectionError, e.Message, e);
        }
        catch
        {
            await secure.DisposeAsync();
            throw;
        }
        return secure;
    }
}
