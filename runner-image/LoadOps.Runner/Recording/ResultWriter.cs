using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Runner.Recording;

/// <summary>Writes <c>result.json</c> atomically: a temporary file in the same folder, then a rename over the old one.</summary>
internal static class ResultWriter
{
    public const string FileName = "result.json";

    /// <summary>Null when results can be written into <paramref name="directory"/>; otherwise what is wrong, checked before the start.</summary>
    public static string? CheckWritable(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".{FileName}.{Environment.ProcessId}.probe");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"cannot write results into '{directory}': {e.Message}; pass a writable --out DIR";
        }
    }

    public static async Task<string> WriteAsync(string directory, ResultFile result, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var temporary = Path.Combine(directory, $".{FileName}.{Environment.ProcessId}.tmp");
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            await System.Text.Json.JsonSerializer.SerializeAsync(stream, result, LoadOpsJson.Options, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
