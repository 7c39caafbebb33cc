using LoadOps.Core.Policy;
using LoadOps.Cli.Validate;
using LoadOps.Core.Data;
using LoadOps.Core.Definitions;
using LoadOps.Core.Validation;

namespace LoadOps.Cli.Run;

/// <summary>
/// Reads, validates and adapts a definition for a run on this machine: every location becomes local runner processes
/// (same total unless <c>--runners</c> says otherwise), and <c>--target</c> replaces the baseUrl, under the same policy.
/// </summary>
internal static class RunPreparation
{
    public sealed record Prepared(LoadTestDefinition Definition, string Hash, IReadOnlyList<string> Notes)
    {
        /// <summary>The rows of the definition's data files, split among the shards by the planner.</summary>
        public IReadOnlyList<DataTable> Data { get; init; } = [];

        /// <summary>Load settings given on the command line (<see cref="LoadOverrides"/>); empty when none.</summary>
        public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();
    }

    public static async Task<Prepared?> PrepareAsync(RunOptions options, TextWriter error, CancellationToken cancellationToken)
    {
        if (!File.Exists(options.File))
        {
            await error.WriteLineAsync($"error: {options.File}: file not found.");
            return null;
        }
        var text = await File.ReadAllTextAsync(options.File, cancellationToken);
        var shown = DefinitionFiles.Display(options.File);
        var policy = new PolicyFileLoader(options.PolicyFile).Load(options.File);
        var validation = DefinitionValidator.Validate(shown, text, policy.Policy);
        var problems = policy.Errors.Concat(validation.Errors.Where(e => e.Severity == Severity.Error)).ToList();
        if (problems.Count > 0 || validation.Definition is null)
        {
            TextErrorRenderer.Write(error, problems, file => file == shown ? text : null, 1);
            return null;
        }

        var definition = validation.Definition;
        var data = await LocalDataFiles.LoadAsync(definition, options.File, shown, validation.DataUses, cancellationToken);
        if (!data.IsValid)
        {
            TextErrorRenderer.Write(error, data.Errors, file => file == shown ? text : null, 1);
            return null;
        }
        var planned = await LocalPlanFile.LoadAsync(definition, options.File, shown, policy.Policy, cancellationToken);
        if (!planned.IsValid)
        {
            TextErrorRenderer.Write(error, planned.Errors, file => file == shown ? text : null, 1);
            return null;
        }
        definition = planned.Definition!;
        var notes = new List<string>();
        var total = options.Runners ?? definition.TotalRunnerCount;
        if (total < 1 || total > policy.Policy.MaxRunners)
        {
            await error.WriteLineAsync($"error: --runners must be between 1 and the policy's maxRunners ({policy.Policy.MaxRunners}).");
            return null;
        }
        if (definition.Runners.Any(r => r.Kind != RunnerKind.Local) || options.Runners is not null)
            notes.Add($"runs on this machine: {total} local runner{(total == 1 ? "" : "s")} instead of {string.Join(", ", definition.Runners.Select(r => $"{r.Location} x{r.Count}"))}");
        definition = definition with { Runners = [new RunnerSpec("local", total)] };

        if (options.Target is { } target)
        {
            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                await error.WriteLineAsync($"error: --target '{target}' is not an absolute http(s) URL.");
                return null;
            }
            if (!policy.Policy.AllowsHost(uri.Host))
            {
                await error.WriteLineAsync($"error: --target host '{uri.Host}' is not in the policy's allowedHosts; add it to {LoadPolicy.RepositoryPath} if it is yours.");
                return null;
            }
            definition = definition with { Target = definition.Target with { BaseUrl = target } };
            notes.Add($"target: {target}");
        }
        if (LoadOverrides.Apply(definition, options, policy.Policy, out var refused) is not { } applied)
        {
            await error.WriteLineAsync($"error: {refused}.");
            return null;
        }
        if (applied.Overrides.Count > 0)
            notes.Add("overrides: " + string.Join(", ", applied.Overrides.Select(o => $"{o.Key} {o.Value}")) + " (recorded in the result)");
        if (!LaunchVariables.Export(options.Environment, out var bad))
        {
            await error.WriteLineAsync($"error: -e '{bad}' must be NAME=VALUE with NAME in A-Z, 0-9 and _ (for {{{{ env.NAME }}}}).");
            return null;
        }
        return new Prepared(applied.Definition, DefinitionHash.Of(text, definition.Engine?.Plan), notes) { Overrides = applied.Overrides, Data = data.Tables };
    }
}
