namespace LoadOps.Cloud.Slack;

/// <summary>How the Slack notifier words a refusal; the retries themselves are the Slack pipeline's (OutboundHttp).</summary>
public sealed class SlackNotifierOptions
{
    public const string SectionName = "LoadOps:Slack";

    /// <summary>The longest Retry-After the Slack pipeline waits for (<see cref="Http.OutboundHttp.Policies"/>); a longer one gives up.</summary>
    public TimeSpan MaxWait { get; init; } = Http.OutboundHttp.Policies[Http.OutboundHttp.Slack].MaxRetryAfter;
}
