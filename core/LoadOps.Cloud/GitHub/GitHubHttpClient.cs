using System.Globalization;
using System.Net;
using System.Text.Json;
using LoadOps.Cloud.Http;
using Octokit;
using Octokit.Internal;

namespace LoadOps.Cloud.GitHub;

/// <summary>
/// Sits between Octokit and its HTTP client: sets the REST API's Accept and version headers on every request and words
/// what the GitHub pipeline (<see cref="OutboundHttp.GitHub"/>, under <paramref name="inner"/>) gave up on. The
/// waiting itself (Retry-After, the primary limit's reset, secondary limits, 5xx, timeouts, the circuit breaker) is
/// the pipeline's; here one call goes out. 401/404/422 go straight back to Octokit, which turns them into exceptions.
/// </summary>
internal sealed class GitHubHttpClient(IHttpClient inner, OutboundPolicy policy, TimeProvider clock) : IHttpClient
{
    public const string Accept = "application/vnd.github+json";
    public const string ApiVersion = "2022-11-28";

    private int Attempts => policy.MaxRetries + 1;

    public async Task<IResponse> Send(IRequest request, CancellationToken cancellationToken, Func<object, object>? preprocessResponseBody = null)
    {
        request.Headers["Accept"] = Accept;
        request.Headers["X-GitHub-Api-Version"] = ApiVersion;
        var what = $"{request.Method} /{request.Endpoint.OriginalString.TrimStart('/').Split('?')[0]}";
        IResponse response;
        try
        {
            response = await inner.Send(request, cancellationToken, preprocessResponseBody!);
        }
        catch (Exception e) when (e is Polly.Timeout.TimeoutRejectedException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new GitHubException(what, 0, $"no answer within {policy.AttemptTimeout.TotalSeconds:0.#} s, {Attempts} attempts");
        }
        catch (HttpRequestException e)
        {
            throw new GitHubException(what, 0, $"could not connect ({e.HttpRequestError}), {Attempts} attempts");
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException)
        {
            throw new GitHubException(what, 0, "GitHub kept failing: not called while its circuit is open; try again shortly");
        }

        var status = (int)response.StatusCode;
        if (Wait(response) is { } wait && wait > policy.MaxRetryAfter)
            throw new GitHubException(what, status,
                $"rate limited; GitHub asks to wait {wait.TotalSeconds:0} s, longer than the {policy.MaxRetryAfter.TotalSeconds:0} s LoadOps waits. Try again later. GitHub said: {MessageOf(response)}");
        if (status >= 500 || IsThrottled(response))
            throw new GitHubException(what, status, $"still failing after {Attempts} attempts: {MessageOf(response)}");
        return response;
    }

    /// <summary>The wait a rate-limited answer asks for (Retry-After, or until the primary limit's reset).</summary>
    private TimeSpan? Wait(IResponse response)
    {
        if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
            return null;
        if (Header(response, "Retry-After") is { } retryAfter && int.TryParse(retryAfter, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        if (Header(response, "X-RateLimit-Remaining") == "0" &&
            long.TryParse(Header(response, "X-RateLimit-Reset"), CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - clock.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    /// <summary>A 429, or a 403 that is a rate limit rather than a missing permission.</summary>
    private bool IsThrottled(IResponse response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests ||
        (response.StatusCode == HttpStatusCode.Forbidden &&
         (Wait(response) is not null || MessageOf(response).Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase)));

    private static string? Header(IResponse response, string name) =>
        response.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    internal static string MessageOf(IResponse response)
    {
        var body = response.Body as string ?? "";
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("message", out var message))
                return message.GetString() ?? "";
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page): fall through to the status text.
        }
        return response.StatusCode == HttpStatusCode.TooManyRequests ? "too many requests" : $"HTTP {(int)response.StatusCode}, body is not GitHub's JSON";
    }

    public void SetRequestTimeout(TimeSpan timeout) => inner.SetRequestTimeout(timeout);

    public void Dispose() => inner.Dispose();
}
