using System.Globalization;
using System.Net;

namespace LoadOps.Cloud.Http;

/// <summary>
/// How the outside systems say "slow down" beyond 429 and 5xx, read by the pipelines of <see cref="OutboundHttp"/>:
/// AWS answers 400 with a <c>Throttling…</c> error type (header <c>x-amzn-ErrorType</c> or the body's <c>__type</c>);
/// GitHub answers 403 or 429 with Retry-After, or with <c>x-ratelimit-remaining: 0</c> until <c>x-ratelimit-reset</c>,
/// or (a secondary limit) a 403 whose message says so.
/// </summary>
internal static class OutboundThrottling
{
    private const int ErrorBodyBytes = 64 * 1024;

    /// <summary>True for a throttling answer that is not transient by status alone.</summary>
    public static async ValueTask<bool> IsThrottledAsync(HttpResponseMessage? response, CancellationToken cancellationToken)
    {
        if (response is null)
            return false;
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests)
        {
            return response.Headers.RetryAfter is not null || Header(response, "x-ratelimit-remaining") == "0" ||
                (response.StatusCode == HttpStatusCode.Forbidden && await BodySaysAsync(response, "secondary rate limit", cancellationToken));
        }
        if (response.StatusCode != HttpStatusCode.BadRequest)
            return false;
        if (response.Headers.TryGetValues("x-amzn-ErrorType", out var types) && types.Any(t => t.StartsWith("Throttling", StringComparison.Ordinal)))
            return true;
        // ECS's JSON protocol may say it in the body only.
        return await BodySaysAsync(response, "Throttling", cancellationToken);
    }

    /// <summary>Error bodies are small; buffered, they stay readable for the caller.</summary>
    private static async ValueTask<bool> BodySaysAsync(HttpResponseMessage response, string marker, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is > ErrorBodyBytes)
            return false;
        try
        {
            await response.Content.LoadIntoBufferAsync(ErrorBodyBytes, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return false; // longer than an error body: not one
        }
        return (await response.Content.ReadAsStringAsync(cancellationToken)).Contains(marker, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The wait an answer asks for: Retry-After, else GitHub's rate-limit reset; null when it names none.</summary>
    public static TimeSpan? Wait(HttpResponseMessage? response, TimeProvider clock)
    {
        if (RetryAfter(response, clock) is { } retryAfter)
            return retryAfter;
        if (response is not null && Header(response, "x-ratelimit-remaining") == "0" &&
            long.TryParse(Header(response, "x-ratelimit-reset"), CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - clock.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider clock) =>
        response?.Headers.RetryAfter is { } header
            ? header.Delta ?? (header.Date is { } date ? Max(date - clock.GetUtcNow()) : null)
            : null;

    private static TimeSpan Max(TimeSpan wait) => wait > TimeSpan.Zero ? wait : TimeSpan.Zero;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
