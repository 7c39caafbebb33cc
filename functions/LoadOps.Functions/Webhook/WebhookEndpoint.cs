using LoadOps.Cloud.GitHub;
using LoadOps.Core.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoadOps.Functions.Webhook;

/// <summary>
/// <c>POST /api/github/webhook</c>, forwarded raw by the host (enableForwardingHttpRequest) so the signature is
/// checked over the exact bytes GitHub signed. Bind, verify, parse, check a person's command with GitHub, deduplicate,
/// enqueue: nothing else.
/// </summary>
internal sealed partial class WebhookEndpoint(
    IOptions<WebhookOptions> options, IDeliveryLog deliveries, IRunRequestSink sink, PullRequestCommandResolver commands, ILogger<WebhookEndpoint> logger)
{
    public const string Route = "/api/github/webhook";
    public const int MaxBodyBytes = 25 * 1024 * 1024;

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            LogNoSecret(logger);
            return Results.Text("webhook secret not configured", statusCode: StatusCodes.Status401Unauthorized);
        }

        var body = await WebhookBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
            return Results.Text($"payload larger than {MaxBodyBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);
        if (!WebhookSignature.IsValid(secret, body, request.Headers[WebhookSignature.HeaderName].FirstOrDefault()))
            return Results.Text("signature missing or wrong", statusCode: StatusCodes.Status401Unauthorized);

        var delivery = request.Headers["X-GitHub-Delivery"].FirstOrDefault();
        var decision = GitHubEventParser.Parse(request.Headers["X-GitHub-Event"].FirstOrDefault(), delivery, body);
        if (decision is WebhookDecision.Command command)
            decision = await commands.ResolveAsync(command.Value, cancellationToken);
        switch (decision)
        {
            case WebhookDecision.Reject reject:
                LogRejected(logger, delivery, reject.Reason);
                return Results.Text(reject.Reason, statusCode: StatusCodes.Status400BadRequest);
            case WebhookDecision.Ignore ignore:
                LogIgnored(logger, delivery, ignore.Reason);
                return Results.Text("ignored: " + ignore.Reason);
            case WebhookDecision.Unavailable unavailable:
                LogUnavailable(logger, delivery, unavailable.Reason);
                return Results.Text(unavailable.Reason + "; redeliver it from the App's Recent Deliveries once GitHub answers",
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            case WebhookDecision.Start start:
                if (!await deliveries.TryRecordAsync(start.Request.RequestId, cancellationToken))
                    return Results.Text("duplicate delivery: its run was already started");
                await sink.SendAsync(start.Request, cancellationToken);
                LogAccepted(logger, start.Request.RequestId, start.Request.Repository, start.Request.Commit);
                return Results.Text("accepted", statusCode: StatusCodes.Status202Accepted);
            default:
                throw new InvalidOperationException("Unknown webhook decision.");
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Webhook refused: no webhook secret is configured (LoadOps:GitHub:WebhookSecret)")]
    private static partial void LogNoSecret(ILogger logger);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Delivery {DeliveryId} ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string? deliveryId, string reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string? deliveryId, string reason);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Error, Message = "Delivery {DeliveryId} not handled: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string? deliveryId, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Delivery {DeliveryId} accepted: {Repository} at {Commit}")]
    private static partial void LogAccepted(ILogger logger, string deliveryId, string repository, string commit);
}
