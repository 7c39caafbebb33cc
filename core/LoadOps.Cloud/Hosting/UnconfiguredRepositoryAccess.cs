using LoadOps.Cloud.GitHub;
using LoadOps.Core.Webhooks;

namespace LoadOps.Cloud.Hosting;

/// <summary>
/// Stands in while GitHub access is not configured: every check fails with what to set, so approvals and
/// <c>/loadtest</c> commands are answered 503 with that message instead of being trusted or silently dropped.
/// </summary>
internal sealed class UnconfiguredRepositoryAccess(string problem) : IRepositoryAccess
{
    public Task<RepositoryPermission> PermissionAsync(string repository, string login, CancellationToken cancellationToken) =>
        throw new GitHubException($"check the permission of {login}", 0, problem);

    public Task<PullRequestHead?> PullRequestAsync(string repository, int number, CancellationToken cancellationToken) =>
        throw new GitHubException($"read pull request #{number}", 0, problem);

    public Task AnswerAsync(string repository, int pullRequest, string markdown, CancellationToken cancellationToken) =>
        throw new GitHubException($"answer on #{pullRequest}", 0, problem);
}
