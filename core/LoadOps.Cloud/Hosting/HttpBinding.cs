using System.Text;
using LoadOps.Cloud.Api;
using LoadOps.Core.Webhooks;
using Microsoft.AspNetCore.Http;

namespace LoadOps.Cloud.Hosting;

/// <summary>
/// Binds an ASP.NET Core request to the API's plain records and writes an <see cref="ApiResponse"/> back; the same in
/// every host, so the base URL and the body limits cannot drift between them.
/// </summary>
public static class HttpBinding
{
    /// <summary>The delivery's headers, with no body: <see cref="WebhookReceiver"/> reads the body itself while checking its signature.</summary>
    public static WebhookDelivery DeliveryHeaders(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new WebhookDelivery(
            request.Headers["X-GitHub-Event"].FirstOrDefault(),
            request.Headers["X-GitHub-Delivery"].FirstOrDefault(),
            request.Headers[WebhookSignature.HeaderName].FirstOrDefault(),
            []);
    }

    /// <summary>The request as the API sees it, or null when its body is over <see cref="RunApi.MaxBodyBytes"/>.</summary>
    /// <param name="publicUrl">The configured public base URL; empty: the request's own scheme, host and path base.</param>
    public static async Task<ApiRequest?> ReadApiRequestAsync(HttpRequest request, string? publicUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, RunApi.MaxBodyBytes, cancellationToken);
        if (body is null)
            return null;
        return new ApiRequest(request.Method, request.Path.Value ?? "/", BaseUrl(request, publicUrl))
        {
            Query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Authorization = request.Headers.Authorization.FirstOrDefault(),
            Body = body.Length == 0 ? null : Encoding.UTF8.GetString(body),
        };
    }

    /// <summary>Where the links in answers point: the configured public URL, else the address the request came to.</summary>
    public static string BaseUrl(HttpRequest request, string? publicUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.IsNullOrWhiteSpace(publicUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : publicUrl.TrimEnd('/');
    }

    /// <summary>Writes status, content type, the answer's own headers and body; never a header of the request.</summary>
    public static async Task WriteAsync(HttpResponse response, ApiResponse answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(answer);
        response.StatusCode = answer.StatusCode;
        response.ContentType = answer.ContentType;
        foreach (var (name, value) in answer.Headers)
            response.Headers[name] = value;
        await response.WriteAsync(answer.Body, cancellationToken);
    }
}
