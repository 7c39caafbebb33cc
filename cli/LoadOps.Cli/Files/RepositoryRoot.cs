namespace LoadOps.Cli.Files;

/// <summary>The repository a definition belongs to: the nearest folder above it holding <c>.git</c> or <c>.loadops</c>.</summary>
internal static class RepositoryRoot
{
    public static string? Find(string path)
    {
        var folder = Directory.Exists(path) ? Path.GetFullPath(path) : Path.GetDirectoryName(Path.GetFullPath(path));
        while (folder is not null)
        {
            if (Directory.Exists(Path.Combine(folder, ".git")) || File.Exists(Path.Combine(folder, ".git")) ||
                Directory.Exists(Path.Combine(folder, ".loadops")))
                return folder;
            folder = Path.GetDirectoryName(folder);
        }
        return null;
    }
}
