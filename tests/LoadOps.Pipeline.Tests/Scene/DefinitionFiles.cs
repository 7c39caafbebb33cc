namespace LoadOps.Pipeline.Tests.Scene;

/// <summary>A repository's files in a dictionary (path → text), the same at every commit: the definitions stages read.</summary>
internal sealed class DefinitionFiles : IDefinitionSource
{
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);

    public DefinitionFiles Put(string path, string text)
    {
        _files[path] = text;
        return this;
    }

    public DefinitionFiles Remove(string path)
    {
        _files.Remove(path);
        return this;
    }

    public Task<IReadOnlyList<string>> ListAsync(string repository, string? commit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. _files.Keys
            .Where(p => p.StartsWith("loadtests/", StringComparison.Ordinal) && (p.EndsWith(".loadtest.yaml", StringComparison.Ordinal) || p.EndsWith(".loadtest.yml", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)]);

    public Task<string?> ReadAsync(string repository, string? commit, string path, CancellationToken cancellationToken) =>
        Task.FromResult(_files.GetValueOrDefault(path));
}
