namespace LoadOps.Cloud.Slack;

/// <summary>What happened to a Slack notification, for the caller to log. Never holds the webhook URL.</summary>
public sealed record SlackOutcome(SlackDelivery Delivery, int Attempts, int? StatusCode, string Message)
{
    public bool IsFailure => Delivery == SlackDelivery.Failed;

    public override string ToString() =>
        $"Slack {Delivery.ToString().ToLowerInvariant()} after {Attempts} attempt(s){(StatusCode is { } s ? $" (HTTP {s})" : "")}: {Message}";
}
