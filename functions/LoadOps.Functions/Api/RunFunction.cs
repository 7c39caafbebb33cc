using LoadOps.Cloud.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LoadOps.Functions.Api;

/// <summary>GET /api/runs/{runId}: one run, its status and outcome. The API checks its own bearer tokens, so the trigger is anonymous.</summary>
public sealed class RunFunction(LoadOpsHttpHandlers handlers)
{
    public const string Name = LoadOpsRoutes.Run;

    [Function(Name)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = LoadOpsRoutes.RunRoute)] HttpRequest request, CancellationToken cancellationToken) =>
        new ApiResult(await handlers.RunApiAsync(Name, request, cancellationToken));
}
