using LoadOps.Cloud.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LoadOps.Functions.Api;

/// <summary>GET /api/runs/{runId}/{report}: a report of a run (markdown, HTML, JSON). The API checks its own bearer tokens, so the trigger is anonymous.</summary>
public sealed class RunReportFunction(LoadOpsHttpHandlers handlers)
{
    public const string Name = LoadOpsRoutes.RunReport;

    [Function(Name)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = LoadOpsRoutes.RunReportRoute)] HttpRequest request, CancellationToken cancellationToken) =>
        new ApiResult(await handlers.RunApiAsync(Name, request, cancellationToken));
}
