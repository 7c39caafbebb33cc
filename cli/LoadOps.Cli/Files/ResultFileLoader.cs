using LoadOps.Core.Results;

namespace LoadOps.Cli.Files;

/// <summary>Opens result files named on the command line; every failure becomes one line naming the file.</summary>
internal static class ResultFileLoader
{
    public static async Task<ReadOutcome> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return ReadOutcome.Failed(Missing(path));
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

    /// <summary>
    /// Adds a result file to a merge, streamed (histograms decoded from the file's bytes, no object graph: the fast path
    /// of <c>loadops merge</c>); null when merged, else why not.
    /// </summary>
    public static async Task<MergeProblem?> AddToAsync(ResultAccumulator accumulator, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accumulator);
        if (!File.Exists(path))
            return Missing(path);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            return await accumulator.AddAsync(stream, path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new MergeProblem(path, "cannot be read: " + e.Message);
        }
    }

    private static MergeProblem Missing(string path) =>
        new(path, Directory.Exists(path) ? "is a folder; give the result files inside it (e.g. folder/*.json)." : "file not found.");
}
