using LoadOps.Core.Pipeline;

namespace LoadOps.Core.Webhooks;

/// <summary>
/// A request by a person on a pull request (an approval label, a <c>/loadtest</c> comment). It starts nothing by
/// itself: the sender's write access is checked and the head commit resolved first (<see cref="PullRequestCommandRules"/>).
/// </summary>
public sealed record PullRequestCommand
{
    public required string DeliveryId { get; init; }
    public required PullRequestCommandKind Kind { get; init; }
    public required RunTrigger Trigger { get; init; }
    public required string Repository { get; init; }
    public required int PullRequest { get; init; }
    public required string Sender { get; init; }

    /// <summary>How the person asked, for messages: <c>label loadops:approved</c>, <c>/loadtest run checkout</c>.</summary>
    public required string Source { get; init; }

    /// <summary><c>/loadtest run NAME</c>: only this test.</summary>
    public string? TestName { get; init; }

    /// <summary><c>/loadtest approve SHA</c>: approve only if the head commit still starts with this.</summary>
    public string? CommitPrefix { get; init; }

    /// <summary>Known when the payload carries the pull request (label events); an issue comment does not.</summary>
    public PullRequestHead? Head { get; init; }

    public long? InstallationId { get; init; }
}
