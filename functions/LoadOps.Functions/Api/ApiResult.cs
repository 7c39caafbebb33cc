using LoadOps.Cloud.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace LoadOps.Functions.Api;

/// <summary>An <see cref="ApiResponse"/> as the HTTP functions' result: status, content type, headers and body as given.</summary>
public sealed class ApiResult(ApiResponse response) : IActionResult
{
    public ApiResponse Response { get; } = response;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext.Response;
        http.StatusCode = Response.StatusCode;
        http.ContentType = Response.ContentType;
        foreach (var (name, value) in Response.Headers)
            http.Headers[name] = value;
        await http.WriteAsync(Response.Body, context.HttpContext.RequestAborted);
    }
}
