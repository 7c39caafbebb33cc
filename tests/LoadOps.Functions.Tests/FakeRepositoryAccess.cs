using System.Collections.Concurrent;
using LoadOps.Cloud.GitHub;
using LoadOps.Core.Webhooks;

namespace LoadOps.Functions.Tests;

/// <summary>GitHub's answers scripted per user and pull request; records what was asked. The REST client is tested against a stub server.</summary>
internal sealed class FakeRepositoryAccess : IRepositoryAccess
{
    public ConcurrentDictionary<string, RepositoryPermission> Permissions { get; } = new(StringComparer.OrdinalIgnoreCase);
    public ConcurrentDictionary<int, PullRequestHead> PullRequests { get; } = new();
    public ConcurrentQueue<string> Asked { get; } = new();
    public ConcurrentQueue<string> Answers { get; } = new();

    /// <summary>When set, every call fails as GitHub would when it is down.</summary>
    public bool Down { get; set; }

    public Task<RepositoryPermission> PermissionAsync(string repository, string login, CancellationToken cancellationToken)
    {
        Asked.Enqueue($"permission {repository} {login}");
        if (Down)
            throw new GitHubException($"read the permission of {login}", 502, "Server Error");
        return Task.FromResult(Permissions.GetValueOrDefault(login, RepositoryPermission.None));
    }

    public Task<PullRequestHead?> PullRequestAsync(string repository, int number, CancellationToken cancellationToken)
    {
        Asked.Enqueue($"pull {repository} {number}");
        if (Down)
            throw new GitHubException($"read pull request #{number}", 502, "Server Error");
        return Task.FromResult(PullRequests.GetValueOrDefault(number));
    }

    public Task AnswerAsync(string repository, int pullRequest, string markdown, CancellationToken cancellationToken)
    {
        Asked.Enqueue($"answer {repository} {pullRequest}");
        if (Down)
            throw new GitHubException($"answer on #{pullRequest}", 502, "Server Error");
        Answers.Enqueue(markdown);
        return Task.CompletedTask;
    }
}
