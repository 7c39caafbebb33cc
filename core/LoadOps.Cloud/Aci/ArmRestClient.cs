using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;

namespace LoadOps.Cloud.Aci;

/// <summary>
/// Calls the Azure Resource Manager REST API with a bearer token from a <see cref="TokenCredential"/>, pinning
/// <see cref="AciOptions.ApiVersion"/>. One call per request: retries of 408, 429, 5xx, dropped connections and
/// timeouts (honouring Retry-After), the timeout of each attempt and the circuit breaker are the ARM pipeline's
/// (<see cref="Http.OutboundHttp.Arm"/>) in <c>http</c>.
/// </summary>
/// <remarks>
/// Written on HttpClient rather than <c>ArmClient</c> generic resources: Azure.Core's bearer token policy refuses any
/// endpoint that is not https ("Bearer token authentication is not permitted for non TLS protected (https)
/// endpoints"), so an ArmClient cannot be pointed at a plain-http stub on 127.0.0.1, and the requests we send could
/// not be asserted in tests. The REST contract is small (PUT, GET, DELETE of one resource) and stable.
/// </remarks>
public sealed class ArmRestClient(HttpClient http, TokenCredential credential, AciOptions options)
{
    public static readonly Uri PublicCloud = new("https://management.azure.com/");

    private Uri Endpoint => options.Endpoint ?? PublicCloud;

    /// <summary>
    /// Sends one call to <paramref name="resourcePath"/> (<c>/subscriptions/…</c>). Returns the parsed body (an empty
    /// object for an empty body) or null for a 404 (or a DELETE's 204) when <paramref name="notFoundIsNull"/>; throws
    /// <see cref="AciException"/> for every other failure.
    /// </summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string resourcePath, JsonObject? body, bool notFoundIsNull, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrEmpty(resourcePath);
        var uri = new Uri(Endpoint, resourcePath.TrimStart('/') + "?api-version=" + AciOptions.ApiVersion);
        var payload = body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString());
        try
        {
            using var request = await BuildAsync(method, uri, payload, cancellationToken);
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            // ARM answers a DELETE of a resource that does not exist 204: as gone as a 404.
            if (status == 204 && method == HttpMethod.Delete && notFoundIsNull)
                return null;
            if (response.IsSuccessStatusCode)
                return Parse(method, resourcePath, text, status);
            if (status == 404 && notFoundIsNull)
                return null;
            throw Error(text, status);
        }
        catch (HttpRequestException e)
        {
            throw new AciException("ConnectionFailed", e.Message, 503);
        }
        catch (Exception e) when (e is Polly.Timeout.TimeoutRejectedException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new AciException("Timeout", $"no answer from ARM to {method} {resourcePath} in time", 408);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException)
        {
            throw new AciException("CircuitOpen", "ARM kept failing: not called while its circuit is open; try again shortly", 503);
        }
    }

    private async Task<HttpRequestMessage> BuildAsync(HttpMethod method, Uri uri, byte[]? payload, CancellationToken cancellationToken)
    {
        var scope = new Uri(Endpoint, ".default").ToString();
        var token = await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken);
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (payload is not null)
        {
            request.Content = new ByteArrayContent(payload);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        return request;
    }

    private static JsonNode Parse(HttpMethod method, string path, string text, int status)
    {
        if (string.IsNullOrWhiteSpace(text))
            return new JsonObject();
        try
        {
            return JsonNode.Parse(text) ?? new JsonObject();
        }
        catch (JsonException e)
        {
            throw new AciException("MalformedResponse", $"{method} {path} answered {status} with a body that is not JSON: {e.Message}", status);
        }
    }

    private static AciException Error(string text, int status)
    {
        try
        {
            var error = JsonNode.Parse(text)?["error"];
            return new AciException(
                error?["code"]?.GetValue<string>() ?? $"Http{status}", error?["message"]?.GetValue<string>() ?? "no message", status);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return new AciException($"Http{status}", "the error body is not JSON", status);
        }
    }
}
