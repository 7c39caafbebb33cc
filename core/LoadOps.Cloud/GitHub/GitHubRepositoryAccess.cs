using LoadOps.Core.Webhooks;
using Octokit;

namespace LoadOps.Cloud.GitHub;

/// <summary>
/// <see cref="IRepositoryAccess"/> over the REST API: <c>GET /repos/{owner}/{repo}/collaborators/{user}/permission</c>
/// and <c>GET /repos/{owner}/{repo}/pulls/{number}</c>; answers with <c>POST /repos/{owner}/{repo}/issues/{number}/comments</c>. A 404 (not a collaborator, no such pull request) is an answer,
/// not an error; anything else fails with <see cref="GitHubException"/>.
/// </summary>
public sealed class GitHubRepositoryAccess(GitHubApi api) : IRepositoryAccess
{
    private const int NotFound = 404;

    public async Task<RepositoryPermission> PermissionAsync(string repository, string login, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(login);
        var repo = RepositoryRef.Parse(repository);
        try
        {
            var answer = await api.CallAsync($"read the permission of {login} on {repo}",
                c => c.Get<PermissionAnswer>(repo.Uri($"collaborators/{Uri.EscapeDataString(login)}/permission")), cancellationToken);
            return Read(answer.RoleName, answer.Permission);
        }
        catch (GitHubException e) when (e.StatusCode == NotFound)
        {
            return RepositoryPermission.None;
        }
    }

    public async Task<PullRequestHead?> PullRequestAsync(string repository, int number, CancellationToken cancellationToken)
    {
        var repo = RepositoryRef.Parse(repository);
        try
        {
            var pull = await api.CallAsync($"read pull request #{number} of {repo}",
                c => c.Get<PullRequest>(repo.Uri($"pulls/{number}")), cancellationToken);
            var headRepository = pull.Head?.Repository?.FullName;
            return new PullRequestHead(
                pull.Head?.Sha ?? throw new GitHubException($"read pull request #{number} of {repo}", 200, "the answer has no head commit"),
                pull.Head.Ref,
                pull.Base?.Ref ?? "",
                !string.Equals(headRepository, repository, StringComparison.OrdinalIgnoreCase),
                pull.State.StringValue == "open");
        }
        catch (GitHubException e) when (e.StatusCode == NotFound)
        {
            return null;
        }
    }

    public async Task AnswerAsync(string repository, int pullRequest, string markdown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var repo = RepositoryRef.Parse(repository);
        var body = new Dictionary<string, string> { ["body"] = Utf8Limit.Cut(markdown, StickyCommentPublisher.MaxBodyBytes, "\n…") };
        await api.CallAsync($"answer on #{pullRequest} of {repo}",
            c => c.Post<IssueComment>(repo.Uri($"issues/{pullRequest}/comments"), body, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// <c>role_name</c> (admin, maintain, write, triage, read, or a custom role) when present; otherwise the legacy
    /// <c>permission</c> (admin, write, read, none), which reports maintain as write and triage as read. A custom role
    /// counts by the legacy field, so it gets write only if GitHub says so.
    /// </summary>
    internal static RepositoryPermission Read(string? roleName, string? permission) => roleName switch
    {
        "admin" => RepositoryPermission.Admin,
        "maintain" => RepositoryPermission.Maintain,
        "write" => RepositoryPermission.Write,
        "triage" => RepositoryPermission.Triage,
        "read" => RepositoryPermission.Read,
        _ => permission switch
        {
            "admin" => RepositoryPermission.Admin,
            "write" => RepositoryPermission.Write,
            "read" => RepositoryPermission.Read,
            _ => RepositoryPermission.None,
        },
    };

    /// <summary>The two fields of GitHub's collaborator permission answer LoadOps reads.</summary>
    internal sealed class PermissionAnswer
    {
        public string? Permission { get; set; }
        public string? RoleName { get; set; }
    }
}
