using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LoadOps.Functions.Api;

/// <summary>GET /api/runs/{runId}/{report}: a report of a run (markdown, HTML, JSON). The API checks its own bearer tokens, so the trigger is anonymous.</summary>
public sealed class RunReportFunction(RunApiEndpoint endpoint)
{
    public const string Name = "runreport";

    [Function(Name)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "runs/{runId}/{report}")] HttpRequest request, CancellationToken cancellationToken) =>
        endpoint.HandleAsync(Name, request, cancellationToken);
}
