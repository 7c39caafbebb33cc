namespace LoadOps.Core.Pipeline;

/// <summary>
/// The first stage message: run the load tests of <see cref="Repository"/> at <see cref="Commit"/>.
/// <see cref="ChangedPaths"/> lets the validate stage pick only the definitions a change touched;
/// <see cref="TestName"/> narrows a run to one test (schedules, <c>/loadtest run NAME</c>).
/// </summary>
public sealed record RunRequest
{
    public required string RequestId { get; init; }
    public required RunTrigger Trigger { get; init; }
    public required string Repository { get; init; }
    public required string Commit { get; init; }
    public required string Branch { get; init; }
    public int? PullRequest { get; init; }
    public string? BaseBranch { get; init; }

    /// <summary>The pull request comes from a fork: it must not run until a maintainer approves.</summary>
    public bool FromFork { get; init; }

    public long? InstallationId { get; init; }
    public string? Sender { get; init; }
    public IReadOnlyList<string> ChangedPaths { get; init; } = [];
    public string? TestName { get; init; }

    /// <summary>
    /// The login of the user with write access who approved running a fork's pull request (label
    /// <c>loadops:approved</c>, <c>/loadtest approve</c>) or asked for this run (<c>/loadtest run</c>); null otherwise.
    /// A request with <see cref="FromFork"/> and no approver only waits for approval.
    /// </summary>
    public string? ApprovedBy { get; init; }
}
