using LoadOps.Cloud.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace LoadOps.Functions.Api;

/// <summary>Turns an ASP.NET Core request into an <see cref="ApiRequest"/>, and any answer, even a crash, into an <see cref="ApiResult"/>.</summary>
internal static partial class ApiHttp
{
    /// <summary>What a caller sees when a function fails unexpectedly: no exception page, no request header echoed.</summary>
    public const string FailureMessage = "LoadOps could not answer this request; the failure is in the app's log.";

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

    /// <summary>
    /// Runs one HTTP function's work. An unexpected exception is logged (type and message, never the request) and
    /// answered with a plain 500, whatever the environment: the worker never shows a developer exception page.
    /// </summary>
    public static async Task<IActionResult> AnswerAsync(ILogger logger, string function, Func<Task<ApiResponse>> work)
    {
        ApiResponse response;
        try
        {
            response = await work();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailure(logger, e, function);
            response = ApiResponse.Error(StatusCodes.Status500InternalServerError, FailureMessage);
        }
        if (response.LogNote is { } note)
            LogNote(logger, function, response.StatusCode, note);
        return new ApiResult(response);
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "{Function} answered {Status}: {Note}")]
    private static partial void LogNote(ILogger logger, string function, int status, string note);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "{Function} failed; answered 500")]
    private static partial void LogFailure(ILogger logger, Exception exception, string function);
}
