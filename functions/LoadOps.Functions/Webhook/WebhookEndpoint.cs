using LoadOps.Cloud.Api;
using LoadOps.Cloud.GitHub;
using LoadOps.Core.Webhooks;
using LoadOps.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoadOps.Functions.Webhook;

/// <summary>
/// The <c>webhook</c> function's work: reads the body as the exact bytes GitHub signed (ASP.NET Core integration
/// hands the request over untouched) and gives the delivery to <see cref="WebhookReceiver"/>, which checks a person's
/// command with GitHub through <see cref="PullRequestCommandResolver"/>.
/// </summary>
public sealed class WebhookEndpoint(
    IOptions<WebhookOptions> options, IDeliveryLog deliveries, IRunRequestSink sink, PullRequestCommandResolver commands, ILogger<WebhookEndpoint> logger)
{
    public const int MaxBodyBytes = WebhookReceiver.MaxBodyBytes;

    private readonly WebhookReceiver _receiver = new(options.Value.WebhookSecret, deliveries, sink, commands);

    public Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ApiHttp.AnswerAsync(logger, WebhookFunction.Name, async () =>
        {
            var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, MaxBodyBytes, cancellationToken);
            return body is null
                ? WebhookReceiver.TooLarge()
                : await _receiver.HandleAsync(new WebhookDelivery(
                    request.Headers["X-GitHub-Event"].FirstOrDefault(),
                    request.Headers["X-GitHub-Delivery"].FirstOrDefault(),
                    request.Headers[WebhookSignature.HeaderName].FirstOrDefault(),
                    body), cancellationToken);
        });
}
