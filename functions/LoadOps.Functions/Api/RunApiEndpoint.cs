using LoadOps.Cloud.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoadOps.Functions.Api;

/// <summary>The run API behind the <c>runs</c>, <c>run</c> and <c>runreport</c> functions: binds the request and hands it to <see cref="RunApi"/>.</summary>
public sealed class RunApiEndpoint(RunApi api, IOptions<ApiOptions> options, ILogger<RunApiEndpoint> logger)
{
    public Task<IActionResult> HandleAsync(string function, HttpRequest request, CancellationToken cancellationToken) =>
        ApiHttp.AnswerAsync(logger, function, async () =>
            await ApiHttp.ReadAsync(request, options.Value.PublicUrl, cancellationToken) is { } call
                ? await api.HandleAsync(call, cancellationToken)
                : RunApi.TooLarge());
}
