using LoadOps.Cli.Files;
using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;
using LoadOps.Core.Results;

namespace LoadOps.Cli.Compare;

/// <summary>
/// <c>loadops compare --series RESULT|FOLDER... [--metrics p95]</c>: change points over a history of runs (oldest to
/// newest by start time), naming the run, commit and time where each shift began. A folder stands for its
/// <c>*.json</c> and <c>*.json.gz</c> files (so <c>.loadops/history/TEST/BRANCH</c> works as it is). Exit 0 no shift
/// for the worse, 1 a shift for the worse, 2 usage or unreadable input, 3 too little history to tell (too few runs, or a
/// change beyond the tolerance that is not significant yet).
/// </summary>
internal static class SeriesComparison
{
    public static async Task<int> RunAsync(string[] inputs, IReadOnlyList<Metric> metrics, double tolerance, string format,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (ResultFileLoader.Expand(inputs, out var expandProblem) is not { } files)
            return Usage(error, expandProblem!);

        var runs = new List<SeriesRun>();
        string? definition = null;
        foreach (var path in files)
        {
            var read = await ResultFileLoader.LoadAsync(path, cancellationToken);
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
        return report.CannotTell ? ExitCodes.Inconclusive : report.HasRegression ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static int Usage(TextWriter error, string message)
    {
        error.WriteLine("error: " + message);
        return ExitCodes.Usage;
    }
}
