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

    /// <summary>A call to the run API (<c>POST /api/runs</c>), e.g. <c>loadops gate</c> in a CI job.</summary>
    Api,
}
