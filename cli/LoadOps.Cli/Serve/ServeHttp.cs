using System.Text;
using LoadOps.Cloud.Api;
using Microsoft.AspNetCore.Http;

namespace LoadOps.Cli.Serve;

/// <summary>Reads Kestrel requests into the API's plain records and writes its answers back.</summary>
internal static class ServeHttp
{
    public static async Task<ApiRequest?> ReadApiRequestAsync(HttpRequest request, string? publicUrl, CancellationToken cancellationToken)
    {
        var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, RunApi.MaxBodyBytes, cancellationToken);
        if (body is null)
            return null;
        var baseUrl = string.IsNullOrWhiteSpace(publicUrl) ? $"{request.Scheme}://{request.Host}" : publicUrl.TrimEnd('/');
        return new ApiRequest(request.Method, request.Path.Value ?? "/", baseUrl)
        {
            Query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Authorization = request.Headers.Authorization.FirstOrDefault(),
            Body = body.Length == 0 ? null : Encoding.UTF8.GetString(body),
        };
    }

    /// <summary>Writes the answer; its log note (never a token or a body) goes to serve's log.</summary>
    public static async Task WriteAsync(HttpResponse response, ApiResponse answer, Action<string> log, string source, CancellationToken cancellationToken)
    {
        if (answer.LogNote is { } note)
            log($"{source}: {answer.StatusCode} {note}");
        response.StatusCode = answer.StatusCode;
        response.ContentType = answer.ContentType;
        foreach (var (name, value) in answer.Headers)
            response.Headers[name] = value;
        await response.WriteAsync(answer.Body, cancellationToken);
    }
}
