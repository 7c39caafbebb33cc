using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoadOps.Cloud.Ecs;

/// <summary>
/// The ECS JSON 1.1 protocol: POST / with <c>X-Amz-Target: AmazonEC2ContainerServiceV20141113.{Action}</c>, signed
/// with SigV4. One call per request: retries of throttling, 5xx and timeouts (honouring Retry-After), timeouts and the
/// circuit breaker are the ECS pipeline's (<see cref="Http.OutboundHttp.Ecs"/>) in <c>http</c>, which resends the same
/// signed request (a signature stays valid for minutes).
/// </summary>
public sealed class EcsJsonClient(HttpClient http, Uri endpoint, string region, IAwsCredentialSource credentials, TimeProvider clock)
{
    private const string TargetPrefix = "AmazonEC2ContainerServiceV20141113.";
    private static readonly MediaTypeHeaderValue JsonType = new("application/x-amz-json-1.1");

    public static Uri DefaultEndpoint(string region) => new($"https://ecs.{region}.amazonaws.com/");

    public async Task<JsonNode> SendAsync(string action, JsonObject body, CancellationToken cancellationToken)
    {
        var payload = Encoding.UTF8.GetBytes(body.ToJsonString());
        try
        {
            using var request = await BuildAsync(action, payload, cancellationToken);
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
                return ParseSuccess(action, text);
            throw ParseError(text, (int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            throw new EcsException("ConnectionFailed", $"could not reach ECS ({e.HttpRequestError})", 503);
        }
        catch (Exception e) when (e is Polly.Timeout.TimeoutRejectedException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new EcsException("Timeout", $"no answer from ECS to {action} in time", 408);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException)
        {
            throw new EcsException("CircuitOpen", "ECS kept failing: not called while its circuit is open; try again shortly", 503);
        }
    }

    private async Task<HttpRequestMessage> BuildAsync(string action, byte[] payload, CancellationToken cancellationToken)
    {
        var credential = await credentials.GetAsync(cancellationToken);
        var amzDate = SigV4Signer.AmzDate(clock.GetUtcNow());
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = JsonType;
        request.Headers.Add("X-Amz-Target", TargetPrefix + action);
        request.Headers.Add("X-Amz-Date", amzDate);
        if (credential.SessionToken is not null)
            request.Headers.Add("X-Amz-Security-Token", credential.SessionToken);

        List<KeyValuePair<string, string>> signed =
        [
            new("host", endpoint.Authority),
            new("content-type", JsonType.ToString()),
            new("x-amz-date", amzDate),
            new("x-amz-target", TargetPrefix + action),
        ];
        if (credential.SessionToken is not null)
            signed.Add(new("x-amz-security-token", credential.SessionToken));
        var signing = new SigningRequest("POST", endpoint.AbsolutePath, endpoint.Query.TrimStart('?'), signed, SigV4Signer.PayloadHash(payload));
        request.Headers.TryAddWithoutValidation("Authorization", SigV4Signer.Authorization(signing, credential, region, "ecs", amzDate));
        return request;
    }

    private static JsonNode ParseSuccess(string action, string text)
    {
        try
        {
            return JsonNode.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text) ?? new JsonObject();
        }
        catch (JsonException e)
        {
            throw new EcsException("MalformedResponse", $"{action} answered 200 with a body that is not JSON: {e.Message}", 200);
        }
    }

    private static EcsException ParseError(string text, int status)
    {
        try
        {
            var error = JsonNode.Parse(text);
            // "__type" may carry a namespace: "com.amazonaws.ecs#ClusterNotFoundException".
            var type = error?["__type"]?.GetValue<string>() ?? $"Http{status}";
            var message = error?["message"]?.GetValue<string>() ?? error?["Message"]?.GetValue<string>() ?? "no message";
            return new EcsException(type[(type.LastIndexOf('#') + 1)..], message, status);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return new EcsException($"Http{status}", status == (int)HttpStatusCode.TooManyRequests ? "too many requests" : "error body is not JSON", status);
        }
    }
}
