using System.Text.Json;
using LoadOps.Cli.Run;
using LoadOps.Core.Serialization;
using LoadOps.Core.Validation;

namespace LoadOps.Cli.Validate;

/// <summary>
/// What <c>loadops validate</c> does: find the files, read the policies, validate (with the data files the definitions
/// name), print, and choose the exit code.
/// </summary>
internal static class ValidateAction
{
    public static async Task<int> RunAsync(IReadOnlyList<string> paths, ErrorFormat format, string? policyFile,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (policyFile is not null && !File.Exists(policyFile))
        {
            await error.WriteLineAsync($"loadops validate: no such policy file: {policyFile}");
            return ExitCodes.Usage;
        }
        var (files, problem) = DefinitionFiles.Expand(paths.Count == 0 ? ["loadtests"] : paths);
        if (problem is not null)
        {
            await error.WriteLineAsync($"loadops validate: {problem}");
            return ExitCodes.Usage;
        }
        if (files.Count == 0)
        {
            await error.WriteLineAsync($"loadops validate: no *.loadtest.yaml or *.loadtest.yml files in {string.Join(", ", paths.DefaultIfEmpty("loadtests"))}");
            return ExitCodes.Usage;
        }

        var policies = new PolicyFileLoader(policyFile);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var definitionErrors = new List<DefinitionError>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var policy = policies.Load(file);
            string text;
            try
            {
                text = await File.ReadAllTextAsync(file, cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                definitionErrors.Add(new DefinitionError(file, 1, 1, ValidationCodes.UnreadableFile, $"cannot read the file: {exception.Message}", Severity.Error));
                continue;
            }
            texts[file] = text;
            var result = DefinitionValidator.Validate(file, text, policy.Policy, names);
            definitionErrors.AddRange(result.Errors);
            // The data files are read as a run would read them: missing files, bad rows and unknown columns fail here too.
            if (result.Definition is { Data.Count: > 0 } definition)
                definitionErrors.AddRange((await LocalDataFiles.LoadAsync(definition, file, file, result.DataUses, cancellationToken)).Errors);
            // So is the JMeter plan of engine: jmeter: missing, outside the repository, or not a plan.
            if (result.Definition is { Engine: not null } withPlan)
                definitionErrors.AddRange((await LocalPlanFile.LoadAsync(withPlan, file, file, policy.Policy, cancellationToken)).Errors);
            if (result.Name is { } name)
                names.Add(name);
        }

        var all = policies.Loaded.SelectMany(p => p.Errors).Concat(definitionErrors).ToList();
        foreach (var policy in policies.Loaded.Where(p => p.Errors.Count > 0))
        {
            var file = policy.Errors[0].File;
            if (!texts.ContainsKey(file) && File.Exists(file))
                texts[file] = await File.ReadAllTextAsync(file, cancellationToken);
        }
        switch (format)
        {
            case ErrorFormat.Json:
                await output.WriteLineAsync(JsonSerializer.Serialize(all, LoadOpsJson.Options));
                break;
            case ErrorFormat.Github:
                GithubErrorRenderer.Write(output, all, files.Count);
                break;
            default:
                TextErrorRenderer.Write(output, all, f => texts.GetValueOrDefault(f), files.Count);
                break;
        }
        return all.Any(e => e.Severity == Severity.Error) ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
