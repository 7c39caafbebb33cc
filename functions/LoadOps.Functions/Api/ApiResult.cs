using LoadOps.Cloud.Api;
using LoadOps.Cloud.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace LoadOps.Functions.Api;

/// <summary>An <see cref="ApiResponse"/> as the HTTP functions' result, written the way every host writes it (<see cref="HttpBinding"/>).</summary>
public sealed class ApiResult(ApiResponse response) : IActionResult
{
    public ApiResponse Response { get; } = response;

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return HttpBinding.WriteAsync(context.HttpContext.Response, Response, context.HttpContext.RequestAborted);
    }
}
