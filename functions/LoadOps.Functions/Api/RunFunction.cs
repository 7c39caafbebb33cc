using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LoadOps.Functions.Api;

/// <summary>GET /api/runs/{runId}: one run, its status and outcome. The API checks its own bearer tokens, so the trigger is anonymous.</summary>
public sealed class RunFunction(RunApiEndpoint endpoint)
{
    public const string Name = "run";

    [Function(Name)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "runs/{runId}")] HttpRequest request, CancellationToken cancellationToken) =>
        endpoint.HandleAsync(Name, request, cancellationToken);
}
