using System.Net.Http.Headers;
using System.Text;
using LoadOps.Core.Definitions;
using LoadOps.Core.Evaluation;

namespace LoadOps.Cloud.Slack;

/// <summary>
/// Posts a Block Kit message to a Slack incoming webhook for the events a definition's <c>notify.slack.on</c> lists.
/// Retries 429 (Retry-After), 5xx and timeouts a bounded number of times. It never throws: Slack being down must not
/// fail a run, so every outcome comes back as a <see cref="SlackOutcome"/>. The webhook URL is a secret and appears in
/// no message.
/// </summary>
public sealed class SlackNotifier(HttpClient http, TimeProvider clock, SlackNotifierOptions? options = null)
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

    private async Task<SlackOutcome> SendAsync(Uri webhook, byte[] payload, CancellationToken cancellationToken)
    {
        var outcome = new SlackOutcome(SlackDelivery.Failed, 0, null, "not attempted");
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            TimeSpan delay;
            using (var timeout = new CancellationTokenSource(_options.RequestTimeout, clock))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken))
            {
                try
                {
                    using var content = new ByteArrayContent(payload);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    using var response = await http.PostAsync(webhook, content, linked.Token);
                    var status = (int)response.StatusCode;
                    if (response.IsSuccessStatusCode)
                        return new SlackOutcome(SlackDelivery.Sent, attempt, status, "delivered");
                    var body = Scrub(await response.Content.ReadAsStringAsync(linked.Token), webhook);
                    outcome = new SlackOutcome(SlackDelivery.Failed, attempt, status, $"Slack answered {status}: {body}");
                    if (status != 429 && status < 500)
                        return outcome with { Message = outcome.Message + (status is 403 or 404 or 410 ? " (the webhook is invalid or revoked: create a new one)" : "") };
                    delay = response.Headers.RetryAfter?.Delta ?? Backoff(attempt);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    outcome = new SlackOutcome(SlackDelivery.Failed, attempt, null, $"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s");
                    delay = Backoff(attempt);
                }
                catch (HttpRequestException e)
                {
                    outcome = new SlackOutcome(SlackDelivery.Failed, attempt, null, $"could not reach Slack ({e.HttpRequestError})");
                    delay = Backoff(attempt);
                }
            }
            if (attempt == _options.MaxAttempts)
                break;
            if (delay > _options.MaxWait)
                return outcome with { Message = $"{outcome.Message}; Slack asks to wait {delay.TotalSeconds:0} s, longer than {_options.MaxWait.TotalSeconds:0} s: gave up" };
            await Task.Delay(delay, clock, cancellationToken);
        }
        return outcome with { Message = $"{outcome.Message}; gave up after {outcome.Attempts} attempts" };
    }

    private TimeSpan Backoff(int attempt) => _options.BaseDelay * Math.Pow(2, attempt - 1);

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

    public override string ToString() => $"Slack notifier ({_options.MaxAttempts} attempts)";
}
