using LoadOps.Core.Results;

namespace LoadOps.Cli.Files;

/// <summary>Opens result files named on the command line; every failure becomes one line naming the file.</summary>
internal static class ResultFileLoader
{
    public static async Task<ReadOutcome> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return ReadOutcome.Failed(new MergeProblem(path, Directory.Exists(path)
                ? "is a folder; give the result files inside it (e.g. folder/*.json)."
                : "file not found."));
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            return await ResultFileReader.ReadAsync(stream, path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadOutcome.Failed(new MergeProblem(path, "cannot be read: " + e.Message));
        }
    }
}
