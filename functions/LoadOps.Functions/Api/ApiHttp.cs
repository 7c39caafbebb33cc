using LoadOps.Cloud.Api;
using LoadOps.Functions.Webhook;
using Microsoft.AspNetCore.Http;

namespace LoadOps.Functions.Api;

/// <summary>Turns an ASP.NET Core request into an <see cref="ApiRequest"/> and writes an <see cref="ApiResponse"/> back.</summary>
internal static class ApiHttp
{
    /// <summary>The request as the API sees it, or null when its body is over <see cref="RunApi.MaxBodyBytes"/>.</summary>
    public static async Task<ApiRequest?> ReadAsync(HttpRequest request, string? publicUrl, CancellationToken cancellationToken)
    {
        var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, RunApi.MaxBodyBytes, cancellationToken);
        if (body is null)
            return null;
        var baseUrl = string.IsNullOrWhiteSpace(publicUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : publicUrl.TrimEnd('/');
        return new ApiRequest(request.Method, request.Path.Value ?? "/", baseUrl)
        {
            Query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Authorization = request.Headers.Authorization.FirstOrDefault(),
            Body = body.Length == 0 ? null : System.Text.Encoding.UTF8.GetString(body),
        };
    }

    public static async Task WriteAsync(HttpResponse response, ApiResponse answer, CancellationToken cancellationToken)
    {
        response.StatusCode = answer.StatusCode;
        response.ContentType = answer.ContentType;
        foreach (var (name, value) in answer.Headers)
            response.Headers[name] = value;
        await response.WriteAsync(answer.Body, cancellationToken);
    }
}
