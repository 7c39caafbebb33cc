using LoadOps.Cloud.Api;
using LoadOps.Cloud.Slack;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Validation;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Publish;

namespace LoadOps.Cloud.Publish;

/// <summary>
/// Posts the Slack report for the events a definition lists in <c>notify.slack.on</c>, to the incoming webhook held by
/// the secret <c>webhookSecret</c> names (read by <paramref name="secret"/>, e.g. from <c>LOADOPS_SECRET_&lt;NAME&gt;</c>).
/// Only the report stage posts; validation and dispatch are GitHub's business. With <paramref name="posted"/> (the
/// <c>deliveries</c> table) a run's Slack report is posted once: a redelivered report message finds it claimed and
/// posts nothing; a post that failed gives the claim back so the next delivery tries again.
/// </summary>
public sealed class SlackRunPublisher(SlackNotifier notifier, Func<string, string?> secret, SecretScrubber scrubber, IDeliveryLog? posted = null) : IRunPublisher
{
    /// <summary>The format posted (Block Kit): part of the claim's key, so another format of the same run is its own delivery.</summary>
    public const string Format = "slack-blocks";

    public static string DeliveryKey(string runId) => $"report|{runId}|{Format}";

    public Task<PublishResult> ValidationFailedAsync(RunRequest request, IReadOnlyList<DefinitionError> problems, CancellationToken cancellationToken) =>
        Task.FromResult(PublishResult.Nothing);

    public Task<PublishResult> DispatchedAsync(RunRecord run, CancellationToken cancellationToken) => Task.FromResult(PublishResult.Nothing);

    public Task<PublishResult> FailedAsync(RunRecord run, CancellationToken cancellationToken) => Task.FromResult(PublishResult.Nothing);

    public async Task<PublishResult> ReportedAsync(RunReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var spec = report.Definition.Notify?.Slack;
        var notifyEvent = SlackNotifier.EventFor(report.Evaluation.Verdict);
        if (!SlackNotifier.Wants(spec, notifyEvent))
            return PublishResult.Nothing;
        if (report.SlackJson is null)
            return new PublishResult([], ["Slack: the Slack report could not be rendered, so nothing was sent"]);

        var key = DeliveryKey(report.Run.RunId);
        if (posted is not null && !await posted.TryRecordAsync(key, cancellationToken))
            return PublishResult.Nothing;
        var url = secret(spec!.WebhookSecret);
        var webhook = Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed : null;
        var outcome = await notifier.NotifyAsync(webhook, spec, notifyEvent, scrubber.Scrub(report.SlackJson), cancellationToken);
        if (posted is not null && outcome.Delivery != SlackDelivery.Sent)
            await posted.ForgetAsync(key, CancellationToken.None);
        return outcome.Delivery switch
        {
            SlackDelivery.Sent => new PublishResult(["Slack"], []),
            SlackDelivery.Skipped => PublishResult.Nothing,
            _ => new PublishResult([], [scrubber.Scrub(outcome.ToString())]),
        };
    }
}
