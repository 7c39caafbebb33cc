using LoadOps.Core.Evaluation;
using Octokit;

namespace LoadOps.Cloud.GitHub;

/// <summary>POST /repos/{o}/{r}/statuses/{sha} with context <c>loadops/&lt;test&gt;</c>.</summary>
public sealed class CommitStatusPublisher(GitHubApi api)
{
    /// <summary>GitHub rejects longer descriptions with a 422.</summary>
    public const int MaxDescriptionLength = 140;

    public async Task SetAsync(RepositoryRef repo, string sha, string test, CommitState state, string description, Uri? targetUrl, CancellationToken cancellationToken)
    {
        var status = new NewCommitStatus
        {
            State = state,
            Context = CheckRunPublisher.TestName(test),
            Description = Shorten(description),
            TargetUrl = targetUrl?.ToString(),
        };
        await api.CallAsync($"set commit status {status.Context}",
            c => c.Post<CommitStatus>(repo.Uri($"statuses/{Uri.EscapeDataString(sha)}"), status, cancellationToken), cancellationToken);
    }

    public static CommitState StateFor(RunVerdict verdict) => verdict switch
    {
        RunVerdict.Pass or RunVerdict.Improvement => CommitState.Success,
        RunVerdict.Fail or RunVerdict.Regression => CommitState.Failure,
        _ => CommitState.Error,
    };

    public static string Shorten(string description) =>
        description.Length <= MaxDescriptionLength ? description : description[..(MaxDescriptionLength - 1)] + "…";
}
