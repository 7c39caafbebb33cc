namespace LoadOps.Pipeline;

/// <summary>
/// Where the definitions of a repository at a commit are read from: a local folder (<see cref="LocalDefinitionSource"/>)
/// or GitHub's trees and contents API (<c>GitHub.GitHubDefinitionSource</c>). Paths are relative to the repository
/// root, with forward slashes. A null or empty commit means the default branch as it is now.
/// </summary>
public interface IDefinitionSource
{
    /// <summary>The paths of every <c>*.loadtest.yaml</c> / <c>*.loadtest.yml</c> under <c>loadtests/</c>, sorted.</summary>
    Task<IReadOnlyList<string>> ListAsync(string repository, string? commit, CancellationToken cancellationToken);

    /// <summary>A file's text, or null when it does not exist.</summary>
    Task<string?> ReadAsync(string repository, string? commit, string path, CancellationToken cancellationToken);

    /// <summary>The same source reading through a GitHub App installation; a source that needs none returns itself.</summary>
    IDefinitionSource ForInstallation(long? installationId) => this;

    /// <summary>The definition paths a pull request adds or changes, or null when this source cannot tell.</summary>
    Task<IReadOnlyList<string>?> ChangedInPullRequestAsync(string repository, int pullRequest, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>?>(null);
}
