namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// Where the definitions of a repository at a commit are read from: a local folder today (<see cref="LocalDefinitionSource"/>),
/// GitHub's contents API later. Paths are relative to the repository root, with forward slashes.
/// </summary>
public interface IDefinitionSource
{
    /// <summary>The paths of every <c>*.loadtest.yaml</c> / <c>*.loadtest.yml</c> under <c>loadtests/</c>, sorted.</summary>
    Task<IReadOnlyList<string>> ListAsync(string repository, string? commit, CancellationToken cancellationToken);

    /// <summary>A file's text, or null when it does not exist.</summary>
    Task<string?> ReadAsync(string repository, string? commit, string path, CancellationToken cancellationToken);
}
