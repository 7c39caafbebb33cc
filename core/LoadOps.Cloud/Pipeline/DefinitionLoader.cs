using LoadOps.Core.Definitions;
using LoadOps.Core.Policy;
using LoadOps.Core.Validation;

namespace LoadOps.Cloud.Pipeline;

/// <summary>Reads the repository's policy and definitions from an <see cref="IDefinitionSource"/> and validates them.</summary>
public sealed class DefinitionLoader(IDefinitionSource source)
{
    /// <summary>One definition file checked against the policy; <see cref="Errors"/> include the policy's own errors.</summary>
    public sealed record Checked(string Path, string Text, string Hash, string Name, LoadTestDefinition? Definition, IReadOnlyList<DefinitionError> Errors);

    /// <summary>Every definition of the repository, each checked with the others' names for the uniqueness rule.</summary>
    public async Task<IReadOnlyList<Checked>> LoadAllAsync(string repository, string? commit, CancellationToken cancellationToken)
    {
        var policy = await ReadPolicyAsync(repository, commit, cancellationToken);
        var files = new List<(string Path, string Text)>();
        foreach (var path in await source.ListAsync(repository, commit, cancellationToken))
        {
            if (await source.ReadAsync(repository, commit, path, cancellationToken) is { } text)
                files.Add((path, text));
        }

        var names = files.Select(f => DefinitionValidator.Validate(f.Path, f.Text, policy.Policy).Name).ToList();
        var result = new List<Checked>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var others = names.Where((n, j) => j != i && n is not null).Select(n => n!).ToList();
            result.Add(Check(files[i].Path, files[i].Text, policy, others));
        }
        return result;
    }

    /// <summary>One definition read again (by the plan stage); null when the file no longer exists.</summary>
    public async Task<Checked?> LoadAsync(string repository, string? commit, string path, CancellationToken cancellationToken)
    {
        var text = await source.ReadAsync(repository, commit, path, cancellationToken);
        if (text is null)
            return null;
        return Check(path, text, await ReadPolicyAsync(repository, commit, cancellationToken), []);
    }

    /// <summary>The repository's policy at the commit (the defaults when it has none).</summary>
    public Task<PolicyParseResult> LoadPolicyAsync(string repository, string? commit, CancellationToken cancellationToken) =>
        ReadPolicyAsync(repository, commit, cancellationToken);

    private static Checked Check(string path, string text, PolicyParseResult policy, IReadOnlyCollection<string> others)
    {
        var validation = DefinitionValidator.Validate(path, text, policy.Policy, others);
        var errors = policy.Errors.Concat(validation.Errors).ToList();
        var definition = policy.IsValid ? validation.Definition : null;
        return new Checked(path, text, DefinitionHash.Of(text), validation.Name ?? path, definition, errors);
    }

    private async Task<PolicyParseResult> ReadPolicyAsync(string repository, string? commit, CancellationToken cancellationToken)
    {
        var text = await source.ReadAsync(repository, commit, LoadPolicy.RepositoryPath, cancellationToken);
        return text is null ? new PolicyParseResult(LoadPolicy.Default, []) : PolicyParser.Parse(LoadPolicy.RepositoryPath, text);
    }
}
