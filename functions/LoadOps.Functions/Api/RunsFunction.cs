using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LoadOps.Functions.Api;

/// <summary>GET /api/runs (list, by request id) and POST /api/runs (start runs). The API checks its own bearer tokens, so the trigger is anonymous.</summary>
public sealed class RunsFunction(RunApiEndpoint endpoint)
{
    public const string Name = "runs";

    [Function(Name)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "runs")] HttpRequest request, CancellationToken cancellationToken) =>
        endpoint.HandleAsync(Name, request, cancellationToken);
}
