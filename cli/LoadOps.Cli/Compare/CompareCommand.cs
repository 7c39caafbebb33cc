using LoadOps.Cli.Files;
using System.CommandLine;
using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;
using LoadOps.Core.Results;

namespace LoadOps.Cli.Compare;

/// <summary>
/// <c>loadops compare --baseline RESULT... --current RESULT...</c>: the regression verdict of one run (or its repeats) against earlier
/// runs, as a table. Exit 0 no regression, 1 regression, 3 inconclusive, 2 usage or unreadable input. With
/// <c>--series</c>, change points over a history instead (<see cref="SeriesComparison"/>).
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var baseline = new Option<string[]>("--baseline", "-b") { Description = "Result files of earlier runs (one per run; *.json, *.json.gz, or folders of them such as .loadops/history/TEST/main).", AllowMultipleArgumentsPerToken = true };
        var current = new Option<string[]>("--current", "-c")
        {
            Description = "Result file of the run to judge; several files = the same code run repeatedly, compared by their mean (what an inconclusive verdict asks for).",
            AllowMultipleArgumentsPerToken = true,
        };
        var format = new Option<string>("--format", "-f") { Description = "Output: text, json or md.", DefaultValueFactory = _ => "text" };
        var tolerance = new Option<string>("--tolerance") { Description = "Smallest relative change that may count, e.g. 5% (default 5%)." };
        var metrics = new Option<string>("--metrics") { Description = "Comma-separated metrics, e.g. p50,p95,p99,rps,errors (the default; with --series: p95)." };
        var series = new Option<string[]>("--series", "-s")
        {
            Description = "Instead of --baseline/--current: a history of runs (result files or folders of them, e.g. .loadops/history/TEST/main); names the run, commit and time where each shift began.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("compare", "Compare a run with a baseline of earlier runs (regression, improvement, pass or inconclusive), or find where a history of runs shifted (--series).")
        {
            baseline, current, format, tolerance, metrics, series,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            if (parseResult.GetValue(series) is { Length: > 0 } seriesInputs)
            {
                if (parseResult.GetValue(baseline) is { Length: > 0 } || parseResult.GetValue(current) is { Length: > 0 })
                    return Usage(error, "--series cannot be combined with --baseline or --current: judge one run against a baseline, or search a history for shifts.");
                if (!CompareRequest.ParseSeries(parseResult.GetValue(format), parseResult.GetValue(tolerance), parseResult.GetValue(metrics),
                        out var seriesTolerance, out var seriesMetrics, out var seriesProblem))
                    return Usage(error, seriesProblem!);
                return await SeriesComparison.RunAsync(seriesInputs, seriesMetrics ?? [Metric.P95], seriesTolerance ?? new RegressionOptions().Tolerance,
                    parseResult.GetValue(format) ?? "text", parseResult.InvocationConfiguration.Output, error, cancellationToken);
            }
            var request = CompareRequest.Parse(parseResult.GetValue(baseline), parseResult.GetValue(current), parseResult.GetValue(format),
                parseResult.GetValue(tolerance), parseResult.GetValue(metrics), out var problem);
            if (request is null)
                return Usage(error, problem!);
            if (ResultFileLoader.Expand(request.Baseline, out var folderProblem) is not { } baselineFiles ||
                ResultFileLoader.Expand(request.Current, out folderProblem) is not { } currentFiles)
                return Usage(error, folderProblem!);
            request = request with { Baseline = baselineFiles, Current = currentFiles };

            var candidates = new List<ResultSummary>();
            Loaded? candidate = null;
            foreach (var path in request.Current)
            {
                var (loaded, candidateProblem) = await SummarizeAsync(path, cancellationToken);
                if (loaded is null)
                    return Usage(error, candidateProblem!);
                if (candidate is not null && loaded.Definition != candidate.Definition)
                    return Usage(error, $"{path}: is a run of '{loaded.Definition}', but {request.Current[0]} is of '{candidate.Definition}'; repeats must be runs of one test.");
                candidate ??= loaded;
                candidates.Add(loaded.Summary);
            }
            var history = new List<ResultSummary>();
            foreach (var path in request.Baseline)
            {
                var (summary, baselineProblem) = await SummarizeAsync(path, cancellationToken);
                if (summary is null)
                    return Usage(error, baselineProblem!);
                if (summary.Definition != candidate!.Definition)
                    return Usage(error, $"{path}: is a run of '{summary.Definition}', but the current run is of '{candidate.Definition}'; compare runs of one test.");
                history.Add(summary.Summary);
            }

            var options = new RegressionOptions();
            options = options with { Tolerance = request.Tolerance ?? options.Tolerance, Metrics = request.Metrics ?? options.Metrics };
            var report = RegressionAnalyzer.Analyze(candidates, history, options);
            await parseResult.InvocationConfiguration.Output.WriteAsync(CompareRenderer.Render(report, options, request.Format));
            return report.Verdict switch
            {
                Verdict.Regression => ExitCodes.Failed,
                Verdict.Inconclusive => ExitCodes.Inconclusive,
                _ => ExitCodes.Ok,
            };
        });
        return command;
    }

    private sealed record Loaded(string Definition, ResultSummary Summary);

    private static async Task<(Loaded? Loaded, string? Problem)> SummarizeAsync(string path, CancellationToken cancellationToken)
    {
        var read = await ResultFileLoader.LoadAsync(path, cancellationToken);
        if (read.Problem is not null)
            return (null, read.Problem.ToString());
        try
        {
            return (new Loaded(read.Result!.Definition, ResultSummarizer.Summarize(read.Result)), null);
        }
        catch (FormatException e)
        {
            return (null, $"{path}: {e.Message}");
        }
    }

    private static int Usage(TextWriter error, string message)
    {
        error.WriteLine("error: " + message);
        return ExitCodes.Usage;
    }
}
