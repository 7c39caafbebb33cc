using System.Text;
using LoadOps.Core.Definitions;
using LoadOps.Core.Parsing;
using LoadOps.Core.Policy;

namespace LoadOps.Core.Validation;

/// <summary>
/// Parses and checks one <c>*.loadtest.yaml</c> (CONTRACTS.md, version 1) against a <see cref="LoadPolicy"/>.
/// Pure: text in, definition and every located problem out. Never throws on user input.
/// </summary>
public static class DefinitionValidator
{
    /// <summary>Largest definition or policy file read; anything bigger is refused before parsing.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <param name="file">The path reported in errors (as the user should see it).</param>
    /// <param name="text">The file's text.</param>
    /// <param name="policy">Limits and allowed hosts; <see cref="LoadPolicy.Default"/> when the repository has none.</param>
    /// <param name="otherNames">Names of the other definitions in the same folder/repository, for the uniqueness check.</param>
    public static DefinitionValidation Validate(string file, string text, LoadPolicy policy, IReadOnlyCollection<string>? otherNames = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new ErrorCollector(file);
        if (IsTooLarge(text))
        {
            errors.Error(new SourcePosition(1, 1), ValidationCodes.FileTooLarge,
                $"the file is larger than {MaxFileBytes / 1024} KiB; a definition is a few dozen lines, split it or remove generated content");
            return new DefinitionValidation(null, errors.Errors);
        }

        var root = SourceTreeReader.Read(text, errors);
        if (root is null)
            return new DefinitionValidation(null, errors.Errors);

        var reader = new DefinitionReader(new FieldReader(errors), policy, otherNames ?? []);
        var definition = reader.Read(root);
        var sorted = errors.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return new DefinitionValidation(errors.HasErrors ? null : definition, sorted) { Name = reader.Name, DataUses = reader.Data.Uses };
    }

    public static bool IsTooLarge(string text) =>
        text.Length > MaxFileBytes || Encoding.UTF8.GetByteCount(text) > MaxFileBytes;
}
