using LoadOps.Core.Webhooks;

namespace LoadOps.Cloud.GitHub;

/// <summary>
/// What LoadOps asks GitHub before acting on a person's command (their permission, and the pull request's head), and
/// where it answers them (a comment on the pull request).
/// </summary>
public interface IRepositoryAccess
{
    /// <summary>The user's permission on <paramref name="repository"/> (owner/name); <see cref="RepositoryPermission.None"/> for a non-collaborator.</summary>
    Task<RepositoryPermission> PermissionAsync(string repository, string login, CancellationToken cancellationToken);

    /// <summary>The pull request's head and base; null when there is no such pull request.</summary>
    Task<PullRequestHead?> PullRequestAsync(string repository, int number, CancellationToken cancellationToken);

    /// <summary>Posts <paramref name="markdown"/> as a new comment on the pull request: LoadOps' answer to a command.</summary>
    Task AnswerAsync(string repository, int pullRequest, string markdown, CancellationToken cancellationToken);
}
