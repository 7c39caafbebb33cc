using LoadOps.Cloud.Api;
using LoadOps.Cloud.GitHub;
using LoadOps.Functions.Api;
using LoadOps.Core.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoadOps.Functions.Webhook;

/// <summary>
/// <c>POST /api/github/webhook</c>, forwarded raw by the host (enableForwardingHttpRequest) so the signature is
/// checked over the exact bytes GitHub signed. Binds the request and hands it to <see cref="WebhookReceiver"/>, which
/// checks a person's command with GitHub through <see cref="PullRequestCommandResolver"/>.
/// </summary>
internal sealed partial class WebhookEndpoint(
    IOptions<WebhookOptions> options, IDeliveryLog deliveries, IRunRequestSink sink, PullRequestCommandResolver commands, ILogger<WebhookEndpoint> logger)
{
    public const string Route = WebhookReceiver.Route;
    public const int MaxBodyBytes = WebhookReceiver.MaxBodyBytes;

    private readonly WebhookReceiver _receiver = new(options.Value.WebhookSecret, deliveries, sink, commands);

    public async Task HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, MaxBodyBytes, cancellationToken);
        var response = body is null
            ? WebhookReceiver.TooLarge()
            : await _receiver.HandleAsync(new WebhookDelivery(
                request.Headers["X-GitHub-Event"].FirstOrDefault(),
                request.Headers["X-GitHub-Delivery"].FirstOrDefault(),
                request.Headers[WebhookSignature.HeaderName].FirstOrDefault(),
                body), cancellationToken);
        if (response.LogNote is { } note)
            LogNote(logger, response.StatusCode, note);
        await ApiHttp.WriteAsync(context.Response, response, cancellationToken);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Webhook answered {Status}: {Note}")]
    private static partial void LogNote(ILogger logger, int status, string note);
}
