using LoadOps.Cloud.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LoadOps.Functions.Api;

/// <summary>GET /api/runs (list, by request id) and POST /api/runs (start runs). The API checks its own bearer tokens, so the trigger is anonymous.</summary>
public sealed class RunsFunction(LoadOpsHttpHandlers handlers)
{
    public const string Name = LoadOpsRoutes.Runs;

    [Function(Name)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = LoadOpsRoutes.RunsRoute)] HttpRequest request, CancellationToken cancellationToken) =>
        new ApiResult(await handlers.RunApiAsync(Name, request, cancellationToken));
}
