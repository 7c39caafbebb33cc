using System.IO.Compression;
using System.Text.Json;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Cli.History;

/// <summary>
/// Earlier merged run results, kept as <c>{root}/{test}/{branch}/{runId}.json.gz</c>, the default baseline
/// source of <c>loadops run</c>: a plain folder needs no storage emulator, survives between runs and can be
/// committed or cached by CI. Run ids sort by start time, so newest-first is a name sort. Beside each run,
/// <c>{runId}.verdict</c> holds how it was judged (a regressed or failing run stays in the history for the series test
/// but never enters a baseline) and <c>{runId}.accepted</c> marks a run whose level someone accepted.
/// </summary>
internal sealed class LocalHistoryStore(string root)
{
    public const string DefaultFolder = ".loadops/history";

    private const string VerdictSuffix = ".verdict";
    private const string AcceptedSuffix = ".accepted";

    public string Root { get; } = root;

    public async Task<string> SaveAsync(ResultFile merged, RunVerdict verdict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merged);
        var folder = Folder(merged.Definition, merged.Branch);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, SafeName(merged.RunId) + ".json.gz");
        await File.WriteAllTextAsync(Path.Combine(folder, SafeName(merged.RunId) + VerdictSuffix), verdict.ToString(), cancellationToken);
        var temporary = path + ".tmp";
        await using (var file = File.Create(temporary))
        await using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
            await JsonSerializer.SerializeAsync(gzip, merged, LoadOpsJson.Compact, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>
    /// The newest <paramref name="count"/> readable runs of a test on a branch, newest first, with their verdicts and
    /// acceptance (for <see cref="BaselineSelector"/>). Unreadable files are reported in <paramref name="skipped"/>, never
    /// thrown: history must not break a run.
    /// </summary>
    public async Task<IReadOnlyList<HistoryRun>> LoadHistoryAsync(
        string test, string? branch, int count, List<string> skipped, CancellationToken cancellationToken)
    {
        var folder = Folder(test, branch);
        if (!Directory.Exists(folder))
            return [];
        var runs = new List<HistoryRun>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.json.gz").OrderByDescending(p => p, StringComparer.Ordinal))
        {
            if (runs.Count == count)
                break;
            if (await TryReadAsync(path, skipped, cancellationToken) is not { } run)
                continue;
            var stem = path[..^".json.gz".Length];
            var verdict = File.Exists(stem + VerdictSuffix) && Enum.TryParse<RunVerdict>(await File.ReadAllTextAsync(stem + VerdictSuffix, cancellationToken), out var v) ? v : (RunVerdict?)null;
            try
            {
                runs.Add(new HistoryRun(run, ResultSummarizer.Summarize(run), verdict, File.Exists(stem + AcceptedSuffix)));
            }
            catch (FormatException e)
            {
                skipped.Add($"{path}: {e.Message}");
            }
        }
        return runs;
    }

    /// <summary>Marks a run (found under any test and branch) as accepted: its level becomes the baseline. Null when no such run is in the history.</summary>
    public async Task<string?> AcceptAsync(string runId, string acceptedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Root))
            return null;
        var name = SafeName(runId) + ".json.gz";
        var path = Directory.EnumerateFiles(Root, name, SearchOption.AllDirectories).FirstOrDefault();
        if (path is null)
            return null;
        await File.WriteAllTextAsync(path[..^".json.gz".Length] + AcceptedSuffix,
            $"{{\"acceptedBy\":{JsonSerializer.Serialize(acceptedBy)},\"at\":\"{at.UtcDateTime:O}\"}}", cancellationToken);
        return path;
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
