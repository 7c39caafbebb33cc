using System.Globalization;
using System.Net;
using System.Text.Json;
using Octokit;
using Octokit.Internal;

namespace LoadOps.Cloud.GitHub;

/// <summary>
/// Wraps Octokit's HTTP client: sets the REST API's Accept and version headers on every request, waits out rate limits
/// (Retry-After, or X-RateLimit-Remaining 0 until X-RateLimit-Reset; capped) and backs off on secondary rate limits,
/// 5xx and timeouts, a bounded number of times. 401/404/422 go straight back to Octokit, which turns them into exceptions.
/// </summary>
internal sealed class ResilientHttpClient(IHttpClient inner, GitHubOptions options, TimeProvider clock) : IHttpClient
{
    public const string Accept = "application/vnd.github+json";
    public const string ApiVersion = "2022-11-28";

    public async Task<IResponse> Send(IRequest request, CancellationToken cancellationToken, Func<object, object>? preprocessResponseBody = null)
    {
        request.Headers["Accept"] = Accept;
        request.Headers["X-GitHub-Api-Version"] = ApiVersion;
        var what = $"{request.Method} /{request.Endpoint.OriginalString.TrimStart('/').Split('?')[0]}";
        for (var attempt = 1; ; attempt++)
        {
            IResponse response;
            try
            {
                response = await inner.Send(request, cancellationToken, preprocessResponseBody!);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt >= options.MaxAttempts)
                    throw new GitHubException(what, 0, $"no answer within {options.RequestTimeout.TotalSeconds:0.#} s, {attempt} attempts");
                await Task.Delay(Backoff(attempt), clock, cancellationToken);
                continue;
            }
            catch (HttpRequestException e)
            {
                if (attempt >= options.MaxAttempts)
                    throw new GitHubException(what, 0, $"could not connect ({e.HttpRequestError}), {attempt} attempts");
                await Task.Delay(Backoff(attempt), clock, cancellationToken);
                continue;
            }

            var delay = RetryDelay(response, attempt);
            if (delay is null)
                return response;
            var status = (int)response.StatusCode;
            if (delay > options.MaxRateLimitWait)
                throw new GitHubException(what, status,
                    $"rate limited; GitHub asks to wait {delay.Value.TotalSeconds:0} s, longer than the {options.MaxRateLimitWait.TotalSeconds:0} s LoadOps waits. Try again later. GitHub said: {MessageOf(response)}");
            if (attempt >= options.MaxAttempts)
                throw new GitHubException(what, status, $"still failing after {attempt} attempts: {MessageOf(response)}");
            await Task.Delay(delay.Value, clock, cancellationToken);
        }
    }

    /// <summary>How long to wait before trying again, or null when the answer is final.</summary>
    private TimeSpan? RetryDelay(IResponse response, int attempt)
    {
        var status = (int)response.StatusCode;
        if (status is not (403 or 429) && status < 500)
            return null;
        if (Header(response, "Retry-After") is { } retryAfter && int.TryParse(retryAfter, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        if (Header(response, "X-RateLimit-Remaining") == "0" &&
            long.TryParse(Header(response, "X-RateLimit-Reset"), CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - clock.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        if (status == 403 && !MessageOf(response).Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase))
            return null; // a plain "forbidden": permissions, not throttling
        return Backoff(attempt);
    }

    private TimeSpan Backoff(int attempt) => options.BaseDelay * Math.Pow(2, attempt - 1);

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
