using LoadOps.Core.Definitions;

namespace LoadOps.Core.Validation;

/// <summary>
/// The outcome of <see cref="DefinitionValidator.Validate"/>: every problem found, and the definition when none
/// of them is an error (warnings allowed).
/// </summary>
public sealed record DefinitionValidation(LoadTestDefinition? Definition, IReadOnlyList<DefinitionError> Errors)
{
    public bool IsValid => Definition is not null;

    /// <summary>The test's name as written, when it could be read, even if other parts are invalid (for uniqueness checks).</summary>
    public string? Name { get; init; }

    /// <summary>Every <c>{{ SET.COLUMN }}</c> the templates read, for checking against the data files (<see cref="Data.DataFileLoader"/>).</summary>
    public IReadOnlyList<Data.DataColumnUse> DataUses { get; init; } = [];

    public IEnumerable<DefinitionError> Warnings => Errors.Where(e => e.Severity == Severity.Warning);
}
