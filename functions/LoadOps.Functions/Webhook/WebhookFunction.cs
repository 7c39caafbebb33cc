using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LoadOps.Functions.Webhook;

/// <summary><c>POST /api/github/webhook</c>: GitHub's deliveries, signature checked over the exact body bytes.</summary>
public sealed class WebhookFunction(WebhookEndpoint endpoint)
{
    public const string Name = "webhook";

    [Function(Name)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "github/webhook")] HttpRequest request, CancellationToken cancellationToken) =>
        endpoint.HandleAsync(request, cancellationToken);
}
