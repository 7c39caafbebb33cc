namespace LoadOps.Cloud.Storage;

/// <summary>What started a run.</summary>
public enum RunTrigger
{
    Push,
    PullRequest,
    Schedule,
    Manual,
    Cli,
}
