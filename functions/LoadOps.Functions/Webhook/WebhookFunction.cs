using LoadOps.Cloud.Hosting;
using LoadOps.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LoadOps.Functions.Webhook;

/// <summary>POST /api/github/webhook: GitHub's deliveries, signature checked over the exact body bytes.</summary>
public sealed class WebhookFunction(LoadOpsHttpHandlers handlers)
{
    public const string Name = LoadOpsRoutes.Webhook;

    [Function(Name)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = LoadOpsRoutes.WebhookRoute)] HttpRequest request, CancellationToken cancellationToken) =>
        new ApiResult(await handlers.WebhookAsync(Name, request, cancellationToken));
}
