using System.Net.Http.Headers;
using System.Text;
using LoadOps.Core.Definitions;
using LoadOps.Core.Evaluation;

namespace LoadOps.Cloud.Slack;

/// <summary>
/// Posts a Block Kit message to a Slack incoming webhook for the events a definition's <c>notify.slack.on</c> lists.
/// Retries (429 with Retry-After, 5xx, timeouts) are the resilience pipeline's of the <c>http</c> client it is given
/// (<see cref="Http.OutboundHttp.Slack"/>: take it from the factory, or <see cref="Http.OutboundHttp.CreateClient"/>). It never throws: Slack being down must not
/// fail a run, so every outcome comes back as a <see cref="SlackOutcome"/>. The webhook URL is a secret and appears in
/// no message.
/// </summary>
public sealed class SlackNotifier(HttpClient http, SlackNotifierOptions? options = null)
{
    private readonly SlackNotifierOptions _options = options ?? new SlackNotifierOptions();

    public static NotifyEvent EventFor(RunVerdict verdict) => verdict switch
    {
        RunVerdict.Pass => NotifyEvent.Pass,
        RunVerdict.Fail => NotifyEvent.Fail,
        RunVerdict.Regression => NotifyEvent.Regression,
        RunVerdict.Improvement => NotifyEvent.Improvement,
        _ => NotifyEvent.Inconclusive,
    };

    public static bool Wants(SlackNotifySpec? spec, NotifyEvent notifyEvent) => spec is not null && spec.On.Contains(notifyEvent);

    public async Task<SlackOutcome> NotifyAsync(Uri? webhook, SlackNotifySpec? spec, NotifyEvent notifyEvent, string blockKitJson, CancellationToken cancellationToken)
    {
        var eventName = notifyEvent.ToString().ToLowerInvariant();
        if (!Wants(spec, notifyEvent))
            return new SlackOutcome(SlackDelivery.Skipped, 0, null, $"'{eventName}' is not in notify.slack.on");
        if (webhook is null || !webhook.IsAbsoluteUri || webhook.Scheme is not ("https" or "http"))
            return new SlackOutcome(SlackDelivery.Failed, 0, null, $"the Slack webhook secret '{spec!.WebhookSecret}' is missing or not an http(s) URL");
        try
        {
            return await SendAsync(webhook, Encoding.UTF8.GetBytes(blockKitJson ?? ""), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return new SlackOutcome(SlackDelivery.Failed, 0, null, "cancelled before Slack answered");
        }
        catch (Exception e)
        {
            // Whatever went wrong, report its kind only: exception messages can quote the URL.
            return new SlackOutcome(SlackDelivery.Failed, 0, null, $"unexpected {e.GetType().Name} while posting to Slack");
        }
    }

    /// <summary>One call; retries, Retry-After and timeouts are the pipeline's of <see cref="Http.OutboundHttp.Slack"/> in <c>http</c>.</summary>
    private async Task<SlackOutcome> SendAsync(Uri webhook, byte[] payload, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new ByteArrayContent(payload);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await http.PostAsync(webhook, content, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                return new SlackOutcome(SlackDelivery.Sent, 1, status, "delivered");
            var body = Scrub(await response.Content.ReadAsStringAsync(cancellationToken), webhook);
            var message = $"Slack answered {status}: {body}";
            if (status is 403 or 404 or 410)
                message += " (the webhook is invalid or revoked: create a new one)";
            else if (Http.OutboundHttp.RetryAfter(response) is { } wait && wait > _options.MaxWait)
                message += $"; Slack asks to wait {wait.TotalSeconds:0} s, longer than {_options.MaxWait.TotalSeconds:0} s: gave up";
            else if (status == 429 || status >= 500)
                message += "; gave up after the retries of the Slack pipeline";
            return new SlackOutcome(SlackDelivery.Failed, 1, status, message);
        }
        catch (Exception e) when (e is Polly.Timeout.TimeoutRejectedException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new SlackOutcome(SlackDelivery.Failed, 1, null, "no answer from Slack in time");
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException)
        {
            return new SlackOutcome(SlackDelivery.Failed, 0, null, "Slack kept failing: not called while its circuit is open");
        }
        catch (HttpRequestException e)
        {
            return new SlackOutcome(SlackDelivery.Failed, 1, null, $"could not reach Slack ({e.HttpRequestError})");
        }
    }

    /// <summary>Slack's error bodies are short codes ("no_service"); keep them short and free of the URL anyway.</summary>
    private static string Scrub(string body, Uri webhook)
    {
        var text = body.Replace(webhook.ToString(), "[webhook]", StringComparison.OrdinalIgnoreCase);
        if (webhook.AbsolutePath.Length > 1)
            text = text.Replace(webhook.AbsolutePath.TrimStart('/'), "[webhook]", StringComparison.OrdinalIgnoreCase);
        text = text.Trim();
        if (text.Length == 0)
            return "(empty body)";
        return text.Length <= 200 ? text : text[..200] + "…";
    }

    public override string ToString() => "Slack notifier";
}
