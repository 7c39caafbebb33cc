using LoadOps.Cli.Files;
using System.CommandLine;
using System.Text.Json;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Cli.Merge;

/// <summary><c>loadops merge RESULT... --out FILE</c>: exact merge of shard or run results, read one file at a time.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var results = new Argument<string[]>("RESULT") { Description = "Shard or run result files of one run (*.json, *.json.gz, or folders of them).", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the merged run result." };
        var command = new Command("merge", "Merge shard or run results exactly: counts add, histograms add.") { results, output };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var paths = parseResult.GetValue(results) ?? [];
            var target = parseResult.GetValue(output);
            if (paths.Length == 0)
                return Usage(error, "give at least one RESULT file, e.g. loadops merge shards/*.json --out result.json");
            if (string.IsNullOrWhiteSpace(target))
                return Usage(error, "--out FILE is required: where to write the merged result.");

            if (ResultFileLoader.Expand(paths, out var folderProblem) is not { } files)
                return Usage(error, folderProblem!);
            var accumulator = new ResultAccumulator();
            foreach (var path in files)
            {
                var problem = await ResultFileLoader.AddToAsync(accumulator, path, cancellationToken);
                if (problem is not null)
                    return Usage(error, problem.ToString());
            }

            var merged = accumulator.Build();
            try
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(target));
                if (folder is not null)
                    Directory.CreateDirectory(folder);
                await using var stream = File.Create(target);
                await JsonSerializer.SerializeAsync(stream, merged, LoadOpsJson.Options, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Usage(error, $"{target}: cannot be written: {e.Message}");
            }
            await parseResult.InvocationConfiguration.Output.WriteLineAsync(
                $"merged {accumulator.InputCount} result(s), {merged.Shards.Count} shard(s), into {target}: {merged.Status.ToString().ToLowerInvariant()}" +
                (merged.TrustIssues.Count > 0 ? $", {merged.TrustIssues.Count} trust issue(s)" : ""));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Usage(TextWriter error, string message)
    {
        error.WriteLine("error: " + message);
        return ExitCodes.Usage;
    }
}
