namespace LoadOps.Cloud.Slack;

public enum SlackDelivery
{
    /// <summary>Slack accepted the message.</summary>
    Sent,

    /// <summary>No Slack notification configured for this event (or none at all).</summary>
    Skipped,

    /// <summary>Slack could not be reached or refused the message; the run goes on.</summary>
    Failed,
}
