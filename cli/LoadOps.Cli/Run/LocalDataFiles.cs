using LoadOps.Cli.Files;
using LoadOps.Core.Data;
using LoadOps.Core.Definitions;

namespace LoadOps.Cli.Run;

/// <summary>
/// Reads a definition's data files from this checkout: paths are relative to the definition's folder and must stay
/// inside the repository (the folder holding <c>.git</c>, else the definition's own folder), links included.
/// </summary>
internal static class LocalDataFiles
{
    public static Task<DataFileLoader.Outcome> LoadAsync(
        LoadTestDefinition definition, string definitionFile, string shown, IReadOnlyList<DataColumnUse> uses, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(definitionFile);
        var root = RepositoryRoot.Find(full) ?? Path.GetDirectoryName(full)!;
        var relative = Path.GetRelativePath(root, full).Replace('\\', '/');
        return DataFileLoader.LoadAsync(definition, relative, shown, uses,
            (path, token) => ReadAsync(root, path, token), cancellationToken,
            path => Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(root, path)));
    }

    /// <summary>Reads a repository-relative path under <paramref name="root"/>; null when missing or when a link leads out of it.</summary>
    public static async Task<string?> ReadAsync(string root, string path, CancellationToken cancellationToken)
    {
        var file = new FileInfo(Path.Combine(root, path));
        if (!file.Exists)
            return null;
        var target = file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file.FullName;
        if (!target.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return null;
        // Read no more than the limit allows: one character past it is enough for the loader to refuse the file.
        using var reader = new StreamReader(target);
        var buffer = new char[Math.Min(file.Length, DataFileLoader.MaxFileBytes + 1L)];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        return new string(buffer, 0, read);
    }
}
