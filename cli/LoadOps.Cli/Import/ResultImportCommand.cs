using System.CommandLine;
using LoadOps.Core.Importing;
using LoadOps.Core.Importing.Results;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Cli.Import;

/// <summary>
/// <c>loadops import TOOL FILE [--out FILE] [--name NAME] [--run-id ID]</c>: another tool's results as a LoadOps result
/// file, for <c>compare</c>, <c>report</c>, <c>merge</c> and the gate. Runs imported under one name compare; files given
/// one run id merge.
/// </summary>
internal static class ResultImportCommand
{
    public delegate ImportOutcome<ResultFile> Importer(string file, string text, ImportSettings settings);

    public static Command Create(string tool, string example, string description, Importer importer)
    {
        var input = new Argument<string>("FILE") { Description = $"{description}." };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the result (default: FILE with .result.json)." };
        var name = new Option<string?>("--name") { Description = $"The test's name in the result; runs compare only under one name (default: {tool})." };
        var runId = new Option<string?>("--run-id") { Description = "The run id; give several files one id to merge them (default: from the file's content)." };
        var command = new Command(tool, $"Import {description} as a LoadOps result, e.g. loadops import {tool} {example}.") { input, output, name, runId };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(input)!;
            var (text, problem) = await ImportInput.ReadAsync(path, cancellationToken);
            if (text is null)
                return await ImportInput.UsageAsync(error, problem!);
            var digest = ImportSettings.RunIdOf(tool, text);
            var settings = new ImportSettings(tool, parse.GetValue(name) ?? tool, parse.GetValue(runId) ?? digest) { SourceId = digest };
            var imported = importer(path, text, settings);
            if (imported.Problem is not null)
                return await ImportInput.UsageAsync(error, imported.Problem.ToString());

            var result = imported.Value!;
            var target = parse.GetValue(output) ?? Path.ChangeExtension(path, null) + ".result.json";
            if (await ImportInput.WriteAsync(target, LoadOpsJson.Serialize(result), cancellationToken) is { } unwritable)
                return await ImportInput.UsageAsync(error, unwritable);
            var totals = ResultSummarizer.Summarize(result).Overall.Totals;
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"imported {totals.Total} request(s) ({totals.Failed.Total} failed) in {result.Steps.Count} step(s) from {path} into {target}: " +
                $"test '{result.Definition}', run {result.RunId}" + (result.Approximation is null ? "" : "; approximate: " + result.Approximation));
            return ExitCodes.Ok;
        });
        return command;
    }
}
