namespace LoadOps.Core.Validation;

/// <summary>
/// One problem in a definition (or policy) file: 1-based <see cref="Line"/> and <see cref="Column"/>,
/// a stable <see cref="Code"/> (docs/validation-codes.md) and a message that says how to fix it.
/// </summary>
public sealed record DefinitionError(string File, int Line, int Column, string Code, string Message, Severity Severity)
{
    public override string ToString() =>
        $"{File}:{Line}:{Column}: {(Severity == Severity.Error ? "error" : "warning")} {Code}: {Message}";
}
