namespace LoadOps.Core.Pipeline;

/// <summary>What started a run.</summary>
public enum RunTrigger
{
    Push,
    PullRequest,
    Schedule,
    Comment,
    Manual,

    /// <summary><c>loadops run</c> on a developer's machine.</summary>
    Cli,
}
