using System.CommandLine;
using LoadOps.Cli.Files;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Reports;
using LoadOps.Core.Results;

namespace LoadOps.Cli.Report;

/// <summary>
/// <c>loadops report RESULT --format md|html|slack|junit [--out FILE]</c>: renders a run (or, with <c>--history</c>/<c>--test</c>, a test's history: <see cref="HistoryReport"/>). The verdict comes from the
/// <c>evaluation.json</c> beside the result (written by <c>loadops run</c>) or <c>--evaluation</c>; a result without
/// one is shown as "not evaluated". Templates in <c>.loadops/templates/</c> (or <c>--templates</c>) override the built-in ones.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var result = new Argument<string?>("RESULT") { Description = "A merged result.json (or a shard result).", Arity = ArgumentArity.ZeroOrOne };
        var history = new Option<string?>("--history") { Description = "Report a test's history: its folder (e.g. .loadops/history/checkout), or the history root with --test." };
        var test = new Option<string?>("--test") { Description = "Report the history of this test (.loadops/history/NAME)." };
        var compare = new Option<string[]>("--compare") { Description = "With a history: runs to compare side by side (default: the newest two).", AllowMultipleArgumentsPerToken = true };
        var format = new Option<string>("--format", "-f") { Description = "md, html, slack or junit.", Required = true };
        format.AcceptOnlyFromAmong([.. ReportFormats.ByName.Keys]);
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file instead of standard output." };
        var evaluation = new Option<string?>("--evaluation") { Description = $"The run's evaluation (default: {EvaluationFile.FileName} beside RESULT)." };
        var templates = new Option<string?>("--templates") { Description = "Folder of template overrides (default: .loadops/templates if present)." };
        var command = new Command("report", "Render a run's report: Markdown (PR comment), HTML, Slack Block Kit or JUnit XML.")
        {
            result, format, output, evaluation, templates, history, test, compare,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var directory = parse.GetValue(templates) ?? (Directory.Exists(".loadops/templates") ? ".loadops/templates" : null);
            if (parse.GetValue(history) is not null || parse.GetValue(test) is not null)
                return parse.GetValue(result) is { } extra
                    ? await UsageAsync(error, $"give either RESULT ({extra}) or --history/--test, not both.")
                    : await HistoryReport.RunAsync(parse.GetValue(history), parse.GetValue(test), parse.GetValue(compare) ?? [], ReportFormats.ByName[parse.GetValue(format)!],
                        directory, parse.GetValue(output), parse.InvocationConfiguration.Output, error, TimeProvider.System, cancellationToken);
            if (parse.GetValue(result) is null)
                return await UsageAsync(error, "give a RESULT to report, or --history FOLDER / --test NAME for a test's history.");
            var loaded = await ResultFileLoader.LoadAsync(parse.GetValue(result)!, cancellationToken);
            if (loaded.Problem is not null)
                return await UsageAsync(error, loaded.Problem.ToString());

            var run = loaded.Result!;
            var (judged, problem) = await EvaluationFor(parse.GetValue(result)!, parse.GetValue(evaluation), run, cancellationToken);
            if (judged is null)
                return await UsageAsync(error, problem!);

            ResultSummary summary;
            try
            {
                summary = ResultSummarizer.Summarize(run);
            }
            catch (FormatException e)
            {
                return await UsageAsync(error, $"{parse.GetValue(result)}: {e.Message}");
            }

            var rendered = new ReportRenderer(directory).Render(ReportModelBuilder.Build(run, summary, judged), ReportFormats.ByName[parse.GetValue(format)!]);
            if (!rendered.Succeeded)
            {
                foreach (var templateError in rendered.Errors)
                    await error.WriteLineAsync($"error: {templateError}");
                return ExitCodes.Usage;
            }

            if (parse.GetValue(output) is { } path)
                await File.WriteAllTextAsync(path, rendered.Text, cancellationToken);
            else
                await parse.InvocationConfiguration.Output.WriteAsync(rendered.Text);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<(RunEvaluation? Evaluation, string? Problem)> EvaluationFor(string resultPath, string? given, ResultFile run, CancellationToken cancellationToken)
    {
        var path = given ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(resultPath))!, EvaluationFile.FileName);
        if (File.Exists(path))
            return await EvaluationFile.ReadAsync(path, cancellationToken);
        if (given is not null)
            return (null, $"{given}: file not found.");
        // Numbers without a judgement: say so rather than show a green pass nobody decided.
        return (new RunEvaluation
        {
            Verdict = RunVerdict.Inconclusive,
            Headline = $"Not evaluated: no {EvaluationFile.FileName} beside the result (loadops run writes one)",
            Reservations = [.. run.TrustIssues.Select(t => t.Message)],
        }, null);
    }

    private static async Task<int> UsageAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync("error: " + message);
        return ExitCodes.Usage;
    }
}
