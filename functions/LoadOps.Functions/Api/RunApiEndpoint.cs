using LoadOps.Cloud.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoadOps.Functions.Api;

/// <summary>
/// <c>/api/runs...</c> forwarded raw by the host (enableForwardingHttpRequest; functions <c>runs</c>, <c>run</c> and
/// <c>runreport</c>). Binds the request and hands it to <see cref="RunApi"/>.
/// </summary>
internal sealed partial class RunApiEndpoint(RunApi api, IOptions<ApiOptions> options, ILogger<RunApiEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = await ApiHttp.ReadAsync(context.Request, options.Value.PublicUrl, cancellationToken);
        var response = request is null
            ? RunApi.TooLarge()
            : await api.HandleAsync(request, cancellationToken);
        if (response.LogNote is { } note)
            LogNote(logger, response.StatusCode, note);
        await ApiHttp.WriteAsync(context.Response, response, cancellationToken);
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Run API answered {Status}: {Note}")]
    private static partial void LogNote(ILogger logger, int status, string note);
}
