using System.ComponentModel.DataAnnotations;

namespace LoadOps.Cloud.Slack;

/// <summary>Retry bounds for Slack incoming webhooks.</summary>
public sealed class SlackNotifierOptions
{
    public const string SectionName = "LoadOps:Slack";

    [Range(1, 10)] public int MaxAttempts { get; init; } = 4;

    /// <summary>First back-off step after a 5xx or a timeout (doubled per attempt).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A Retry-After longer than this gives up instead of holding the run.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
