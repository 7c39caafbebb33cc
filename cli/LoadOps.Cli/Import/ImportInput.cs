namespace LoadOps.Cli.Import;

/// <summary>Reads the file to import and writes what was made; a missing, unreadable or oversized file becomes one message naming it.</summary>
internal static class ImportInput
{
    /// <summary>Largest file read into memory; bigger recordings and result logs are refused with the reason.</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    public static async Task<(string? Text, string? Problem)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
            return (null, $"{path}: is a folder; give the file inside it.");
        if (!File.Exists(path))
            return (null, $"{path}: file not found.");
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxBytes)
                return (null, $"{path}: {length / (1024 * 1024)} MiB is larger than the {MaxBytes / (1024 * 1024)} MiB an import reads; split it or record a shorter run.");
            return (await File.ReadAllTextAsync(path, cancellationToken), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"{path}: cannot be read: {e.Message}");
        }
    }

    /// <summary>Prints one "error: ..." line and returns the usage exit code (2).</summary>
    public static async Task<int> UsageAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync("error: " + message);
        return ExitCodes.Usage;
    }

    public static async Task<string?> WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null)
                Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(path, text, cancellationToken);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{path}: cannot be written: {e.Message}";
        }
    }
}
