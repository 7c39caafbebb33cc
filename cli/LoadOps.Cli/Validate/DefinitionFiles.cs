namespace LoadOps.Cli.Validate;

/// <summary>Expands the paths given to <c>loadops validate</c> into definition files (<c>*.loadtest.yaml|yml</c>, folders recursively).</summary>
internal static class DefinitionFiles
{
    public static bool IsDefinition(string path) =>
        path.EndsWith(".loadtest.yaml", StringComparison.OrdinalIgnoreCase) ||
        path.EndsWith(".loadtest.yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The files to check, sorted, or a usage problem (a path that does not exist).</summary>
    public static (IReadOnlyList<string> Files, string? Problem) Expand(IEnumerable<string> paths)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(Display(path));
            }
            else if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*.loadtest.*", new EnumerationOptions
                {
                    RecurseSubdirectories = true,
                    IgnoreInaccessible = true,
                    AttributesToSkip = System.IO.FileAttributes.ReparsePoint,
                });
                foreach (var file in found.Where(IsDefinition))
                    files.Add(Display(file));
            }
            else
            {
                return ([], $"no such file or folder: {path}");
            }
        }
        return (files.ToList(), null);
    }

    /// <summary>Paths as users should see them in messages: relative to the working folder when inside it, with '/'.</summary>
    public static string Display(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        return shown.Replace('\\', '/');
    }
}
