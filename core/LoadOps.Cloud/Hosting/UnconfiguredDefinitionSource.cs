using LoadOps.Pipeline;

namespace LoadOps.Cloud.Hosting;

/// <summary>
/// Stands in while no definition source is configured: every read fails with what to set (GitHub under
/// <c>LoadOps:GitHub</c>, or a local folder under <c>LoadOps:Local:RepositoryPath</c>).
/// </summary>
internal sealed class UnconfiguredDefinitionSource : IDefinitionSource
{
    private const string Message =
        "No definition source: set LoadOps:GitHub (AppId + PrivateKeyPem, or Token) to read definitions from GitHub, or LoadOps:Local:RepositoryPath to a checked-out repository.";

    public Task<IReadOnlyList<string>> ListAsync(string repository, string? commit, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Message);

    public Task<string?> ReadAsync(string repository, string? commit, string path, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Message);
}
