namespace LoadOps.Core.Webhooks;

/// <summary>
/// <c>/loadtest accept [name]</c> or the label <c>loadops:accept-baseline</c> by someone with write access: the newest
/// reported runs of <see cref="Commit"/> (only <see cref="TestName"/>'s, if given) become the start of a new baseline level
/// on each test's baseline branch.
/// </summary>
public sealed record BaselineAcceptance
{
    public required string DeliveryId { get; init; }
    public required string Repository { get; init; }
    public required int PullRequest { get; init; }

    /// <summary>The pull request's head commit when the command was read: the code whose level is accepted.</summary>
    public required string Commit { get; init; }

    public string? TestName { get; init; }
    public required string AcceptedBy { get; init; }

    /// <summary>How the person asked, for messages.</summary>
    public required string Source { get; init; }
}
