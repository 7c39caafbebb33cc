namespace LoadOps.Pipeline;

/// <summary>
/// Definitions from a checked-out repository on this machine (<c>LoadOps:Local:RepositoryPath</c>). It serves the
/// working tree as it is: the repository name and commit of a request are not checked against it.
/// </summary>
public sealed class LocalDefinitionSource : IDefinitionSource
{
    public const string DefinitionsFolder = "loadtests";

    private readonly string _root;

    public LocalDefinitionSource(string repositoryPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repositoryPath);
        _root = Path.GetFullPath(repositoryPath);
    }

    public Task<IReadOnlyList<string>> ListAsync(string repository, string? commit, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_root, DefinitionsFolder);
        IReadOnlyList<string> paths = !Directory.Exists(folder)
            ? []
            : Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(IsDefinition)
                .Select(p => Path.GetRelativePath(_root, p).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToList();
        return Task.FromResult(paths);
    }

    public async Task<string?> ReadAsync(string repository, string? commit, string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(Path.Combine(_root, path));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"'{path}' is outside the repository.", nameof(path));
        return File.Exists(full) ? await File.ReadAllTextAsync(full, cancellationToken) : null;
    }

    private static bool IsDefinition(string path) =>
        path.EndsWith(".loadtest.yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".loadtest.yml", StringComparison.OrdinalIgnoreCase);
}
