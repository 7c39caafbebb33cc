using LoadOps.Core.Data;
using LoadOps.Core.Definitions;
using LoadOps.Core.Engines;
using LoadOps.Core.Policy;
using LoadOps.Core.Validation;

namespace LoadOps.Pipeline;

/// <summary>
/// Reads the repository's policy and definitions from an <see cref="IDefinitionSource"/> and validates them. The
/// policy is read at <c>policyRef</c> when one is given (a pull request's base branch: a PR cannot loosen its own
/// policy), else at the definitions' commit.
/// </summary>
public sealed class DefinitionLoader(IDefinitionSource source)
{
    /// <summary>One definition file checked against the policy; <see cref="Errors"/> include the policy's own errors.</summary>
    public sealed record Checked(string Path, string Text, string Hash, string Name, LoadTestDefinition? Definition, IReadOnlyList<DefinitionError> Errors)
    {
        /// <summary>The rows of the definition's data files, read from the same source at the same commit.</summary>
        public IReadOnlyList<DataTable> Data { get; init; } = [];
    }

    /// <summary>Every definition of the repository, each checked with the others' names for the uniqueness rule.</summary>
    public async Task<IReadOnlyList<Checked>> LoadAllAsync(
        string repository, string? commit, CancellationToken cancellationToken, string? policyRef = null, long? installationId = null)
    {
        var from = source.ForInstallation(installationId);
        var policy = await ReadPolicyAsync(from, repository, policyRef ?? commit, cancellationToken);
        var files = new List<(string Path, string Text)>();
        foreach (var path in await from.ListAsync(repository, commit, cancellationToken))
        {
            if (await from.ReadAsync(repository, commit, path, cancellationToken) is { } text)
                files.Add((path, text));
        }

        var names = files.Select(f => DefinitionValidator.Validate(f.Path, f.Text, policy.Policy).Name).ToList();
        var result = new List<Checked>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var others = names.Where((n, j) => j != i && n is not null).Select(n => n!).ToList();
            result.Add(await WithDataAsync(from, repository, commit, Check(files[i].Path, files[i].Text, policy, others), policy.Policy, cancellationToken));
        }
        return result;
    }

    /// <summary>One definition read again (by the plan stage); null when the file no longer exists.</summary>
    public async Task<Checked?> LoadAsync(
        string repository, string? commit, string path, CancellationToken cancellationToken, string? policyRef = null, long? installationId = null)
    {
        var from = source.ForInstallation(installationId);
        var text = await from.ReadAsync(repository, commit, path, cancellationToken);
        if (text is null)
            return null;
        var policy = await ReadPolicyAsync(from, repository, policyRef ?? commit, cancellationToken);
        return await WithDataAsync(from, repository, commit, Check(path, text, policy, []), policy.Policy, cancellationToken);
    }

    /// <summary>The repository's policy at a ref (the defaults when it has none).</summary>
    public Task<PolicyParseResult> LoadPolicyAsync(string repository, string? gitRef, long? installationId, CancellationToken cancellationToken) =>
        ReadPolicyAsync(source.ForInstallation(installationId), repository, gitRef, cancellationToken);

    /// <summary>The definition paths a pull request changes, or null when the source cannot tell.</summary>
    public Task<IReadOnlyList<string>?> ChangedInPullRequestAsync(string repository, int pullRequest, long? installationId, CancellationToken cancellationToken) =>
        source.ForInstallation(installationId).ChangedInPullRequestAsync(repository, pullRequest, cancellationToken);

    private static (Checked Checked, IReadOnlyList<DataColumnUse> Uses) Check(string path, string text, PolicyParseResult policy, IReadOnlyCollection<string> others)
    {
        var validation = DefinitionValidator.Validate(path, text, policy.Policy, others);
        var errors = policy.Errors.Concat(validation.Errors).ToList();
        var definition = policy.IsValid ? validation.Definition : null;
        return (new Checked(path, text, DefinitionHash.Of(text), validation.Name ?? path, definition, errors), validation.DataUses);
    }

    /// <summary>Reads the data files of a valid definition; a problem with them makes the definition invalid.</summary>
    private static async Task<Checked> WithDataAsync(
        IDefinitionSource from, string repository, string? commit, (Checked Checked, IReadOnlyList<DataColumnUse> Uses) check, LoadPolicy policy,
        CancellationToken cancellationToken)
    {
        var (checkedDefinition, uses) = check;
        if (checkedDefinition.Definition is { Engine: not null } withEngine)
        {
            // The JMeter plan is read at the same commit and travels inside the definition; it is part of the test's identity.
            var plan = await JMeterPlanLoader.LoadAsync(withEngine, checkedDefinition.Path, checkedDefinition.Path,
                (path, token) => from.ReadAsync(repository, commit, path, token), cancellationToken, policy: policy);
            return plan.IsValid
                ? checkedDefinition with { Definition = plan.Definition, Hash = DefinitionHash.Of(checkedDefinition.Text, plan.Definition!.Engine!.Plan) }
                : checkedDefinition with { Definition = null, Errors = checkedDefinition.Errors.Concat(plan.Errors).ToList() };
        }
        if (checkedDefinition.Definition is not { Data.Count: > 0 } definition)
            return checkedDefinition;
        var data = await DataFileLoader.LoadAsync(definition, checkedDefinition.Path, checkedDefinition.Path, uses,
            (path, token) => from.ReadAsync(repository, commit, path, token), cancellationToken);
        return data.IsValid
            ? checkedDefinition with { Data = data.Tables }
            : checkedDefinition with { Definition = null, Errors = checkedDefinition.Errors.Concat(data.Errors).ToList() };
    }

    private static async Task<PolicyParseResult> ReadPolicyAsync(IDefinitionSource from, string repository, string? policyRef, CancellationToken cancellationToken)
    {
        var text = await from.ReadAsync(repository, policyRef, LoadPolicy.RepositoryPath, cancellationToken);
        return text is null ? new PolicyParseResult(LoadPolicy.Default, []) : PolicyParser.Parse(LoadPolicy.RepositoryPath, text);
    }
}
