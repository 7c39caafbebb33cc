using LoadOps.Cli.Files;
using LoadOps.Core.Policy;
using LoadOps.Core.Validation;

namespace LoadOps.Cli.Validate;

/// <summary>
/// Finds and reads the policy for a definition: <c>--policy FILE</c> when given, else <c>.loadops/policy.yaml</c> in the
/// repository (walking up from the definition to the first folder holding <c>.git</c> or <c>.loadops</c>), else the safe defaults.
/// </summary>
public sealed class PolicyFileLoader(string? explicitPolicyFile = null)
{
    private readonly Dictionary<string, PolicyParseResult> _byFile = new(StringComparer.Ordinal);

    /// <summary>The policy file that applies to <paramref name="definitionFile"/>, or null for the defaults.</summary>
    public string? Locate(string definitionFile)
    {
        if (explicitPolicyFile is not null)
            return explicitPolicyFile;
        // Only the repository's own .loadops/policy.yaml counts: the walk stops at the repository root.
        var policy = RepositoryRoot.Find(definitionFile) is { } root ? Path.Combine(root, LoadPolicy.RepositoryPath) : null;
        return policy is not null && File.Exists(policy) ? policy : null;
    }

    public PolicyParseResult Load(string definitionFile)
    {
        if (Locate(definitionFile) is not { } policyFile)
            return new PolicyParseResult(LoadPolicy.Default, []);
        var shown = DefinitionFiles.Display(policyFile);
        if (_byFile.TryGetValue(shown, out var cached))
            return cached;
        PolicyParseResult result;
        try
        {
            result = PolicyParser.Parse(shown, File.ReadAllText(policyFile));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            result = new PolicyParseResult(LoadPolicy.Default,
                [new DefinitionError(shown, 1, 1, ValidationCodes.UnreadableFile, $"cannot read the policy file: {exception.Message}", Severity.Error)]);
        }
        _byFile[shown] = result;
        return result;
    }

    /// <summary>Every policy file read so far with its problems.</summary>
    public IEnumerable<PolicyParseResult> Loaded => _byFile.Values;
}
