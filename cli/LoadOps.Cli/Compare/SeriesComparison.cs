using System.IO.Compression;
using LoadOps.Cli.Files;
using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;
using LoadOps.Core.Results;

namespace LoadOps.Cli.Compare;

/// <summary>
/// <c>loadops compare --series RESULT|FOLDER... [--metrics p95]</c>: change points over a history of runs (oldest to
/// newest by start time), naming the run, commit and time where each shift began. A folder stands for its
/// <c>*.json</c> and <c>*.json.gz</c> files (so <c>.loadops/history/TEST/BRANCH</c> works as it is). Exit 0 no shift
/// for the worse, 1 a shift for the worse, 2 usage or unreadable input, 3 too little history to tell.
/// </summary>
internal static class SeriesComparison
{
    public static async Task<int> RunAsync(string[] inputs, IReadOnlyList<Metric> metrics, double tolerance, string format,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var found = Directory.EnumerateFiles(input)
                    .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json.gz", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                    return Usage(error, $"{input}: the folder holds no result files (*.json or *.json.gz).");
                files.AddRange(found);
            }
            else
                files.Add(input);
        }

        var runs = new List<SeriesRun>();
        string? definition = null;
        foreach (var path in files)
        {
            var read = await LoadAsync(path, cancellationToken);
            if (read.Problem is not null)
                return Usage(error, read.Problem.ToString());
            var result = read.Result!;
            definition ??= result.Definition;
            if (result.Definition != definition)
                return Usage(error, $"{path}: is a run of '{result.Definition}', but {files[0]} is of '{definition}'; a series is runs of one test.");
            try
            {
                runs.Add(new SeriesRun(result.RunId, result.Commit, result.Start, ResultSummarizer.Summarize(result)));
            }
            catch (FormatException e)
            {
                return Usage(error, $"{path}: {e.Message}");
            }
        }
        if (runs.GroupBy(r => r.RunId).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return Usage(error, $"run '{twice.Key}' is given {twice.Count()} times; give each run once.");

        var report = SeriesAnalyzer.Analyze(runs, metrics, tolerance);
        await output.WriteAsync(SeriesRenderer.Render(report, metrics, tolerance, format));
        return report.TooShort ? ExitCodes.Inconclusive : report.HasRegression ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static async Task<ReadOutcome> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || !File.Exists(path))
            return await ResultFileLoader.LoadAsync(path, cancellationToken);
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            return await ResultFileReader.ReadAsync(gzip, path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return ReadOutcome.Failed(new MergeProblem(path, "cannot be read as gzip-compressed JSON: " + e.Message));
        }
    }

    private static int Usage(TextWriter error, string message)
    {
        error.WriteLine("error: " + message);
        return ExitCodes.Usage;
    }
}
