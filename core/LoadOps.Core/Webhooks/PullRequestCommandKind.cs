namespace LoadOps.Core.Webhooks;

/// <summary>What a maintainer asked for on a pull request.</summary>
public enum PullRequestCommandKind
{
    /// <summary>Run a fork's pull request at its head commit: label <c>loadops:approved</c> or <c>/loadtest approve [sha]</c>.</summary>
    Approve,

    /// <summary>Run every test again, or the named one: <c>/loadtest run [name]</c>.</summary>
    Run,
}
