using LoadOps.Pipeline;

namespace LoadOps.Cloud.GitHub;

/// <summary>
/// Definitions read from GitHub at the request's commit (git tree + contents API) through the request's App
/// installation. An empty commit (a scheduled run) reads the default branch as it is now. A file that does not exist
/// at that ref reads as null; every other GitHub failure throws a <see cref="GitHubException"/>, so the stage message
/// is retried and then poisoned.
/// </summary>
public sealed class GitHubDefinitionSource(GitHubConnections connections, long? installationId = null) : IDefinitionSource
{
    private const string DefaultBranch = "HEAD";

    public IDefinitionSource ForInstallation(long? installation) =>
        installation is null || installation == installationId ? this : new GitHubDefinitionSource(connections, installation);

    public Task<IReadOnlyList<string>> ListAsync(string repository, string? commit, CancellationToken cancellationToken) =>
        Source().ListAsync(RepositoryRef.Parse(repository), RefOf(commit), cancellationToken);

    public async Task<string?> ReadAsync(string repository, string? commit, string path, CancellationToken cancellationToken)
    {
        try
        {
            var file = await Source().ReadAsync(RepositoryRef.Parse(repository), path, RefOf(commit), cancellationToken);
            return file.Content;
        }
        catch (GitHubException e) when (e.StatusCode == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<string>?> ChangedInPullRequestAsync(string repository, int pullRequest, CancellationToken cancellationToken) =>
        await Source().ChangedInPullRequestAsync(RepositoryRef.Parse(repository), pullRequest, cancellationToken);

    private RepositoryDefinitionSource Source() => new(connections.For(installationId));

    private static string RefOf(string? commit) => string.IsNullOrWhiteSpace(commit) ? DefaultBranch : commit;

    public override string ToString() => $"definitions from {connections}";
}
