using System.Net;

namespace LoadOps.Runner.Http;

/// <summary>
/// The one HTTP client of a shard, tuned for load: pooled keep-alive connections up to the load's concurrency,
/// no proxy, no cookies, no redirects, no decompression, no trace headers, no client-wide timeout (each request
/// carries its own).
/// </summary>
internal static class TargetClientFactory
{
    public static HttpClient Create(int maxConnections, TimeSpan connectTimeout)
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
            ConnectCallback = EgressConnect.ConnectAsync,
        };
        return new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }
}
