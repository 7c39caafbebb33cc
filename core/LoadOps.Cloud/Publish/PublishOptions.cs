using LoadOps.Pipeline;

namespace LoadOps.Cloud.Publish;

/// <summary>What LoadOps posts besides check runs and the PR comment (section <c>LoadOps:Publish</c>).</summary>
public sealed class PublishOptions
{
    public const string SectionName = "LoadOps:Publish";

    /// <summary>Also set a commit status <c>loadops/&lt;test&gt;</c> (for branch protection rules that read statuses).</summary>
    public bool CommitStatuses { get; init; }

    /// <summary>Post the sticky comment on pull requests (on by default).</summary>
    public bool PullRequestComments { get; init; } = true;

    /// <summary>
    /// How often a run's <c>loadops/&lt;test&gt;</c> check run is updated with its live figures while it is under way
    /// (at most once per interval per run); longer after GitHub refuses with 403 or 429.
    /// </summary>
    public TimeSpan CheckRunUpdateInterval { get; init; } = LiveProgressStage.DefaultInterval;
}
