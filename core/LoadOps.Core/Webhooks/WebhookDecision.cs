using LoadOps.Core.Pipeline;

namespace LoadOps.Core.Webhooks;

/// <summary>What to do with one webhook delivery.</summary>
public abstract record WebhookDecision
{
    private WebhookDecision()
    {
    }

    /// <summary>Start a run.</summary>
    public sealed record Start(RunRequest Request) : WebhookDecision;

    /// <summary>A valid delivery LoadOps has nothing to do for (a ping, a closed PR, a tag push).</summary>
    public sealed record Ignore(string Reason) : WebhookDecision;

    /// <summary>A delivery that is not what GitHub sends (malformed JSON, missing fields).</summary>
    public sealed record Reject(string Reason) : WebhookDecision;
}
