namespace LoadOps.Core.Webhooks;

/// <summary>What a maintainer asked for on a pull request.</summary>
public enum PullRequestCommandKind
{
    /// <summary>Run a fork's pull request at its head commit: label <c>loadops:approved</c> or <c>/loadtest approve [sha]</c>.</summary>
    Approve,

    /// <summary>Run every test again, or the named one: <c>/loadtest run [name]</c>.</summary>
    Run,

    /// <summary>
    /// Accept the level the pull request's head commit measured as the new baseline of its tests' baseline branch (an
    /// intended slowdown): label <c>loadops:accept-baseline</c> or <c>/loadtest accept [name]</c>.
    /// </summary>
    Accept,
}
