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

    /// <summary>A person's request on a pull request: check their write access and resolve the head commit, then decide.</summary>
    public sealed record Command(PullRequestCommand Value) : WebhookDecision;

    /// <summary>A person with write access accepted a pull request's measured level as the new baseline.</summary>
    public sealed record Accept(BaselineAcceptance Request) : WebhookDecision;

    /// <summary>A valid delivery that could not be handled now because GitHub could not be asked (an outage, no credentials).</summary>
    public sealed record Unavailable(string Reason) : WebhookDecision;

    /// <summary>A delivery that is not what GitHub sends (malformed JSON, missing fields).</summary>
    public sealed record Reject(string Reason) : WebhookDecision;
}
