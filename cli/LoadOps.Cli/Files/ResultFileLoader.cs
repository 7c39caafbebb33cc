using System.IO.Compression;
using LoadOps.Core.Results;

namespace LoadOps.Cli.Files;

/// <summary>
/// Opens result files named on the command line: plain <c>*.json</c> or the <c>*.json.gz</c> that <c>loadops run</c>
/// keeps in its history, and folders of them (<see cref="Expand"/>). Every failure becomes one line naming the file.
/// </summary>
internal static class ResultFileLoader
{
    /// <summary>Each folder replaced by its <c>*.json</c> and <c>*.json.gz</c> files in name order; null (with the problem) when a folder holds none.</summary>
    public static IReadOnlyList<string>? Expand(IEnumerable<string> inputs, out string? problem)
    {
        problem = null;
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (!Directory.Exists(input))
            {
                files.Add(input);
                continue;
            }
            var found = Directory.EnumerateFiles(input).Where(IsResultFile).Order(StringComparer.Ordinal).ToList();
            if (found.Count == 0)
            {
                problem = $"{input}: the folder holds no result files (*.json or *.json.gz).";
                return null;
            }
            files.AddRange(found);
        }
        return files;
    }

    public static async Task<ReadOutcome> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return ReadOutcome.Failed(Missing(path));
        try
        {
            await using var stream = OpenRead(path);
            return await ResultFileReader.ReadAsync(stream, path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
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
            await using var stream = OpenRead(path);
            return await accumulator.AddAsync(stream, path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return new MergeProblem(path, "cannot be read: " + e.Message);
        }
    }

    private static bool IsResultFile(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".json.gz", StringComparison.OrdinalIgnoreCase);

    private static Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static MergeProblem Missing(string path) => new(path, "file not found.");

}
