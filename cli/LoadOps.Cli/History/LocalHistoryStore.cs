using System.IO.Compression;
using System.Text.Json;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Cli.History;

/// <summary>
/// Earlier merged run results, kept as <c>{root}/{test}/{branch}/{runId}.json.gz</c>, the default baseline
/// source of <c>loadops run</c>: a plain folder needs no storage emulator, survives between runs and can be
/// committed or cached by CI. Run ids sort by start time, so newest-first is a name sort.
/// </summary>
internal sealed class LocalHistoryStore(string root)
{
    public const string DefaultFolder = ".loadops/history";

    public string Root { get; } = root;

    public async Task<string> SaveAsync(ResultFile merged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merged);
        var folder = Folder(merged.Definition, merged.Branch);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, SafeName(merged.RunId) + ".json.gz");
        var temporary = path + ".tmp";
        await using (var file = File.Create(temporary))
        await using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
            await JsonSerializer.SerializeAsync(gzip, merged, LoadOpsJson.Compact, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>
    /// The newest <paramref name="count"/> complete, trustworthy runs of a test on a branch, newest first.
    /// Unreadable files are reported in <paramref name="skipped"/>, never thrown: history must not break a run.
    /// </summary>
    public async Task<IReadOnlyList<ResultFile>> LoadBaselineAsync(
        string test, string? branch, int count, List<string> skipped, CancellationToken cancellationToken)
    {
        var folder = Folder(test, branch);
        if (!Directory.Exists(folder))
            return [];
        var runs = new List<ResultFile>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.json.gz").OrderByDescending(p => p, StringComparer.Ordinal))
        {
            if (runs.Count == count)
                break;
            var run = await TryReadAsync(path, skipped, cancellationToken);
            if (run is { Status: ResultStatus.Complete, IsTrustworthy: true })
                runs.Add(run);
        }
        return runs;
    }

    private static async Task<ResultFile?> TryReadAsync(string path, List<string> skipped, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.OpenRead(path);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            return await JsonSerializer.DeserializeAsync<ResultFile>(gzip, LoadOpsJson.Options, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException)
        {
            skipped.Add($"{path}: {e.Message}");
            return null;
        }
    }

    private string Folder(string test, string? branch) => Path.Combine(Root, SafeName(test), SafeName(branch ?? "local"));

    /// <summary>Branch names hold slashes and other characters a file name cannot; keep them readable and distinct.</summary>
    private static string SafeName(string name)
    {
        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c.ToString() : $"~{(int)c:x2}"));
        return safe is "." or ".." ? "~" + safe : safe;
    }
}
