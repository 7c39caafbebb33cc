using LoadOps.Cloud.GitHub;
using LoadOps.Core.Webhooks;

namespace LoadOps.Cloud.Api;

/// <summary>
/// <c>POST /api/github/webhook</c> behind every host: verify the signature over the exact bytes, parse, deduplicate by
/// delivery id, put the run request on the validate queue; a person's <c>/loadtest</c> command or approval label is
/// first checked with GitHub (<paramref name="commands"/>; without it such deliveries answer 503 saying so); an accepted
/// baseline (<c>/loadtest accept</c>) goes to <paramref name="baselines"/>. Nothing
/// else. Without a secret every delivery is refused: an unsigned endpoint would let anyone start load.
/// </summary>
public sealed class WebhookReceiver(
    string? secret, IDeliveryLog deliveries, IRunRequestSink sink, PullRequestCommandResolver? commands = null, IBaselineAcceptor? baselines = null)
{
    public const string Route = "/api/github/webhook";
    public const int MaxBodyBytes = 25 * 1024 * 1024;

    /// <summary>
    /// The answer to a delivery whose body is still in <paramref name="body"/> (<paramref name="headers"/> carries the
    /// headers, its Body is ignored): refused before a byte is read without a secret, a well-formed signature header or
    /// an acceptable Content-Length; otherwise read with its HMAC (<see cref="SignedBody"/>), so an unsigned body is
    /// refused without ever being held in memory whole.
    /// </summary>
    public async Task<ApiResponse> HandleAsync(WebhookDelivery headers, Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (string.IsNullOrEmpty(secret))
            return NoSecret();
        if (contentLength > MaxBodyBytes)
            return TooLarge();
        if (WebhookSignature.ClaimedHash(headers.Signature) is not { } claimed)
            return BadSignature();
        var (verified, tooLarge) = await SignedBody.ReadAsync(body, secret, claimed, MaxBodyBytes, cancellationToken);
        if (verified is null)
            return tooLarge ? TooLarge() : BadSignature();
        return await HandleAsync(headers with { Body = verified }, cancellationToken);
    }

    public async Task<ApiResponse> HandleAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (string.IsNullOrEmpty(secret))
            return NoSecret();
        if (delivery.Body.Length > MaxBodyBytes)
            return TooLarge();
        if (!WebhookSignature.IsValid(secret, delivery.Body, delivery.Signature))
            return BadSignature();
        if (RunRequestRules.DeliveryIdProblem(delivery.DeliveryId) is { } badId)
            return ApiResponse.Text(400, badId) with { LogNote = "Delivery rejected: " + badId };

        var decision = GitHubEventParser.Parse(delivery.EventName, delivery.DeliveryId, delivery.Body);
        if (decision is WebhookDecision.Command command)
        {
            decision = commands is null
                ? new WebhookDecision.Unavailable("a pull request command needs GitHub access to check the sender's permission, and none is configured")
                : await commands.ResolveAsync(command.Value, cancellationToken);
        }
        switch (decision)
        {
            case WebhookDecision.Reject reject:
                return ApiResponse.Text(400, reject.Reason) with { LogNote = $"Delivery {delivery.DeliveryId} rejected: {reject.Reason}" };
            case WebhookDecision.Ignore ignore:
                return ApiResponse.Text(200, "ignored: " + ignore.Reason) with { LogNote = $"Delivery {delivery.DeliveryId} ignored: {ignore.Reason}" };
            case WebhookDecision.Unavailable unavailable:
                // Not recorded as seen: a redelivery once GitHub answers must still work.
                return ApiResponse.Text(503, unavailable.Reason + "; redeliver it from the App's Recent Deliveries once GitHub answers") with
                {
                    LogNote = $"Delivery {delivery.DeliveryId} not handled: {unavailable.Reason}",
                };
            case WebhookDecision.Accept accept when baselines is null:
                return ApiResponse.Text(503, "accepting a baseline needs the pipeline's storage, and this host has none configured") with
                {
                    LogNote = $"Delivery {delivery.DeliveryId} not handled: {accept.Request.Source} needs the baselines table",
                };
            case WebhookDecision.Accept accept:
                return await AcceptAsync(accept.Request, baselines, cancellationToken);
            case WebhookDecision.Start start when RunRequestRules.Problem(start.Request) is { } problem:
                return ApiResponse.Text(400, problem) with { LogNote = $"Delivery {delivery.DeliveryId} rejected: {problem}" };
            case WebhookDecision.Start start:
                // Not sent: the id is forgotten, so GitHub's redelivery (or the next approval of this commit) still starts it.
                if (!(await OncePerDeliveryAsync(start.Request.RequestId, async () => { await sink.SendAsync(start.Request, cancellationToken); return true; }, cancellationToken)).Fresh)
                    return ApiResponse.Text(200, "duplicate delivery: its run was already started");
                return ApiResponse.Text(202, "accepted") with
                {
                    LogNote = $"Delivery {start.Request.RequestId} accepted: {start.Request.Repository} at {start.Request.Commit}",
                };
            default:
                throw new InvalidOperationException("Unknown webhook decision.");
        }
    }

    /// <summary>
    /// Accepts once per delivery (a redelivery is not answered twice) and answers the person on the pull request; an
    /// answer GitHub refuses is logged, the acceptance stands.
    /// </summary>
    private async Task<ApiResponse> AcceptAsync(BaselineAcceptance request, IBaselineAcceptor acceptor, CancellationToken cancellationToken)
    {
        var (fresh, outcome) = await OncePerDeliveryAsync(request.DeliveryId, () => acceptor.AcceptAsync(request, cancellationToken), cancellationToken);
        if (!fresh || outcome is not { } accepted)
            return ApiResponse.Text(200, "duplicate delivery: it was already answered");
        var unanswered = commands is null
            ? "no GitHub access is configured"
            : await commands.AnswerAsync(request.Repository, request.PullRequest, AcceptanceAnswer.Markdown(request, accepted), cancellationToken);
        return ApiResponse.Text(200, (accepted.AcceptedRuns.Count > 0 ? "accepted: " : "ignored: ") + accepted.Message) with
        {
            LogNote = $"Delivery {request.DeliveryId}: {request.Source} on {request.Repository}#{request.PullRequest}: {accepted.Message}" +
                (unanswered is null ? "; answered on the pull request" : $"; the answer could not be posted: {unanswered}"),
        };
    }

    /// <summary>
    /// Does <paramref name="work"/> for the first delivery of <paramref name="id"/> only (Fresh false, nothing done, for
    /// a duplicate). Work that fails forgets the id again, so a redelivery can still do it.
    /// </summary>
    private async Task<(bool Fresh, T? Value)> OncePerDeliveryAsync<T>(string id, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (!await deliveries.TryRecordAsync(id, cancellationToken))
            return (false, default);
        try
        {
            return (true, await work());
        }
        catch
        {
            await deliveries.ForgetAsync(id, CancellationToken.None);
            throw;
        }
    }

    private static ApiResponse NoSecret() => ApiResponse.Text(401, "webhook secret not configured") with
    {
        LogNote = "Webhook refused: no webhook secret is configured (LoadOps:GitHub:WebhookSecret, or LOADOPS_WEBHOOK_SECRET for loadops serve)",
    };

    private static ApiResponse BadSignature() => ApiResponse.Text(401, "signature missing or wrong");

    /// <summary>The answer to a body over <see cref="MaxBodyBytes"/>, for hosts that stop reading early.</summary>
    public static ApiResponse TooLarge() => ApiResponse.Text(413, $"payload larger than {MaxBodyBytes} bytes");
}
