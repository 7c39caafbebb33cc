using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using LoadOps.Runner.Http.Loop;

namespace LoadOps.Runner.Http;

/// <summary>
/// Opens the raw client's TCP connections (no Nagle delay) on a <see cref="SocketLoop"/> when one is given, else on
/// .NET's own sockets, with TLS for https targets (SNI and trust as <see cref="TlsTrust"/> says); failures are
/// connection errors.
/// </summary>
internal static class RawConnector
{
    /// <param name="deadline">On a loop: the <see cref="System.Diagnostics.Stopwatch"/> timestamp the connect and handshake must end by (elsewhere the token carries the timeout).</param>
    /// <returns>The stream to exchange on, and the loop's socket under it when on a loop (to set each exchange's deadline on).</returns>
    public static async ValueTask<(Stream Stream, LoopStream? OnLoop)> ConnectAsync(EndPoint endPoint, SslClientAuthenticationOptions? tls, SocketLoop? loop, long deadline, CancellationToken cancellationToken)
    {
        var target = await EgressConnect.CheckedAsync(endPoint, cancellationToken);
        Stream stream;
        try
        {
            stream = loop is null ? await EgressConnect.ConnectCheckedAsync(target, cancellationToken) : await LoopStream.ConnectAsync(target, loop, deadline, cancellationToken);
        }
        catch (SocketException e)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"{e.Message} ({target})", e);
        }
        return (tls is null ? stream : await SecureAsync(stream, tls, cancellationToken), stream as LoopStream);
    }

    private static async ValueTask<Stream> SecureAsync(Stream stream, SslClientAuthenticationOptions tls, CancellationToken cancellationToken)
    {
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
