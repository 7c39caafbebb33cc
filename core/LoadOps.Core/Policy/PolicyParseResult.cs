using LoadOps.Core.Validation;

namespace LoadOps.Core.Policy;

/// <summary>A policy file read by <see cref="PolicyParser"/>: the policy (defaults where the file is wrong) and its problems.</summary>
public sealed record PolicyParseResult(LoadPolicy Policy, IReadOnlyList<DefinitionError> Errors)
{
    public bool IsValid => !Errors.Any(e => e.Severity == Severity.Error);
}
