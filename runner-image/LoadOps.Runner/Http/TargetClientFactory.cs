using System.Net;

namespace LoadOps.Runner.Http;

/// <summary>
/// The one HTTP client of a shard, tuned for load: pooled keep-alive connections up to the load's concurrency,
/// no proxy, no cookies, no redirects, no decompression, no trace headers, no client-wide timeout (each request
/// carries its own).
/// </summary>
internal static class TargetClientFactory
{
    public static HttpClient Create(int maxConnections, TimeSpan connectTimeout, TlsTrust? trust = null, int httpVersion = 1, bool cleartext = false)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = connectTimeout,
            ActivityHeadersPropagator = null,
            MaxResponseHeadersLength = 64,
            SslOptions = (trust ?? TlsTrust.System).Options(null),
            EnableMultipleHttp2Connections = true,
            ConnectCallback = EgressConnect.ConnectAsync,
        };
        return new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = httpVersion == 2 ? HttpVersion.Version20 : HttpVersion.Version11,
            // Cleartext HTTP/2 has no ALPN to negotiate with: prior knowledge, exactly 2.
            DefaultVersionPolicy = httpVersion == 2 && cleartext ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower,
        };
    }
}
