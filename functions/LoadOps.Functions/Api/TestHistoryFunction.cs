using LoadOps.Cloud.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LoadOps.Functions.Api;

/// <summary>GET /api/tests/{test}/history: the history page of a test. The API checks its own bearer tokens, so the trigger is anonymous.</summary>
public sealed class TestHistoryFunction(LoadOpsHttpHandlers handlers)
{
    public const string Name = LoadOpsRoutes.TestHistory;

    [Function(Name)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = LoadOpsRoutes.TestHistoryRoute)] HttpRequest request, CancellationToken cancellationToken) =>
        new ApiResult(await handlers.RunApiAsync(Name, request, cancellationToken));
}
