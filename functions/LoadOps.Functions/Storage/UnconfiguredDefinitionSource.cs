using LoadOps.Cloud.Pipeline;

namespace LoadOps.Functions.Storage;

/// <summary>
/// Stands in while no definition source is configured: every read fails with what to set. Reading definitions from
/// GitHub (contents API at the commit) is not built yet; a local folder is (<c>LoadOps:Local:RepositoryPath</c>).
/// </summary>
internal sealed class UnconfiguredDefinitionSource : IDefinitionSource
{
    private const string Message =
        "No definition source: set LoadOps:Local:RepositoryPath to a checked-out repository. Reading definitions from GitHub is not built yet.";

    public Task<IReadOnlyList<string>> ListAsync(string repository, string? commit, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Message);

    public Task<string?> ReadAsync(string repository, string? commit, string path, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Message);
}
