using LoadOps.Cli.Files;
using LoadOps.Core.Reports.Trends;
using LoadOps.Core.Results;

namespace LoadOps.Cli.History;

/// <summary>
/// The runs of one test kept by <c>loadops run</c> (<see cref="LocalHistoryStore"/>): every <c>*.json.gz</c> and
/// <c>*.json</c> under the folder, whatever the branch, with the verdict and acceptance kept beside each. Files of
/// another test are refused with their path; an unreadable file stops the report with its path and the reason.
/// </summary>
internal static class HistoryFolderReader
{
    public static async Task<(string? Test, IReadOnlyList<TrendEntry> Entries, string? Problem)> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
            return (null, [], $"{folder}: no such folder; give a test's history folder (e.g. .loadops/history/checkout) or --test NAME.");
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".json.gz", StringComparison.Ordinal) || (p.EndsWith(".json", StringComparison.Ordinal) && !p.EndsWith(EvaluationFile.FileName, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            return (null, [], $"{folder}: holds no runs (*.json.gz); loadops run keeps them in .loadops/history/TEST/BRANCH.");

        string? test = null;
        var entries = new List<TrendEntry>();
        foreach (var path in files)
        {
            var read = await ResultFileLoader.LoadAsync(path, cancellationToken);
            if (read.Problem is not null)
                return (null, [], read.Problem.ToString());
            var result = read.Result!;
            test ??= result.Definition;
            if (result.Definition != test)
                return (null, [], $"{path}: is a run of '{result.Definition}', but {files[0]} is of '{test}'; a history is the runs of one test.");
            try
            {
                var stem = path.EndsWith(".gz", StringComparison.Ordinal) ? path[..^".json.gz".Length] : path[..^".json".Length];
                entries.Add(TrendEntry.FromResult(result, ResultSummarizer.Summarize(result)) with
                {
                    Trigger = "local",
                    Verdict = File.Exists(stem + ".verdict") ? (await File.ReadAllTextAsync(stem + ".verdict", cancellationToken)).Trim().ToLowerInvariant() : null,
                    Accepted = File.Exists(stem + ".accepted"),
                });
            }
            catch (FormatException e)
            {
                return (null, [], $"{path}: {e.Message}");
            }
        }
        return (test, entries, null);
    }
}
