using System.Text.Json;
using LoadOps.Cloud.Api;
using LoadOps.Functions.Api;
using LoadOps.Functions.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoadOps.Functions.Hosting;

/// <summary>
/// The custom handler's web server: the host posts each invocation to <c>/{functionName}</c> and reads back an
/// <see cref="InvocationResponse"/>. Listens on 127.0.0.1 at <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>.
/// </summary>
public static partial class HandlerApp
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Largest invocation payload accepted; GitHub caps webhook payloads at 25 MB.</summary>
    public const long MaxRequestBytes = 26 * 1024 * 1024;

    public static void MapFunctions(this WebApplication app)
    {
        app.MapPost(Webhook.WebhookEndpoint.Route, (HttpContext context, Webhook.WebhookEndpoint endpoint) =>
            endpoint.HandleAsync(context, context.RequestAborted));
        // The run API, forwarded raw: every method reaches the endpoint, which answers 405 for the ones a route lacks.
        foreach (var pattern in new[] { RunApi.RunsPath, RunApi.RunsPath + "/{**rest}" })
            app.Map(pattern, (HttpContext context, RunApiEndpoint endpoint) => endpoint.HandleAsync(context, context.RequestAborted));
        app.MapPost("/{function}", InvokeAsync);
    }

    public static string ListenUrl(string? port) =>
        int.TryParse(port, out var number) && number is > 0 and < 65536
            ? $"http://127.0.0.1:{number}"
            : throw new InvalidOperationException($"{PortVariable} must be a TCP port number; the Functions host sets it.");

    private static async Task<IResult> InvokeAsync(string function, HttpContext context, IEnumerable<IFunction> functions, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("LoadOps.Functions");
        var target = functions.FirstOrDefault(f => string.Equals(f.Name, function, StringComparison.OrdinalIgnoreCase));
        if (target is null)
            return Results.NotFound(Failed($"No function named '{function}' in this app."));

        if (context.Request.ContentLength > MaxRequestBytes)
            return Results.Json(Failed($"The invocation payload is larger than {MaxRequestBytes} bytes."), statusCode: 413);

        InvocationRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<InvocationRequest>(context.Request.Body, ProtocolJson.Options, context.RequestAborted);
        }
        catch (JsonException e)
        {
            return Results.BadRequest(Failed($"The invocation payload is not valid JSON: {e.Message}"));
        }
        if (request is null)
            return Results.BadRequest(Failed("The invocation payload is empty."));

        try
        {
            return Results.Json(await target.InvokeAsync(request, context.RequestAborted));
        }
        catch (FunctionFailure failure)
        {
            LogFailure(logger, target.Name, failure.Message);
            return Results.Json(Failed(failure.Message), statusCode: 500);
        }
    }

    private static InvocationResponse Failed(string message) => new() { Logs = [message] };

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Function {Function} failed: {Reason}")]
    private static partial void LogFailure(ILogger logger, string function, string reason);
}
