namespace LoadOps.Core.Definitions;

public enum NotifyEvent
{
    Pass,
    Fail,
    Regression,
    Improvement,
    Inconclusive,
}

public sealed record NotifySpec(SlackNotifySpec? Slack);

/// <summary>Slack incoming webhook; <see cref="WebhookSecret"/> names a secret, never holds the URL itself.</summary>
public sealed record SlackNotifySpec(string WebhookSecret, IReadOnlyList<NotifyEvent> On);
