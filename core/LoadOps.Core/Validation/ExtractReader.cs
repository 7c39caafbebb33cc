using System.Text.RegularExpressions;
using LoadOps.Core.Definitions;
using LoadOps.Core.JsonPaths;
using LoadOps.Core.Parsing;
using LoadOps.Core.Templates;

namespace LoadOps.Core.Validation;

/// <summary>Reads <c>extract:</c>: variable → <c>"$.json.path"</c> | <c>{ regex: "..." }</c> | <c>{ header: Name }</c>.</summary>
internal sealed class ExtractReader(FieldReader reader)
{
    private static readonly string[] SourceKeys = ["regex", "header"];

    private ErrorCollector Errors => reader.Errors;

    public List<ExtractSpec>? Read(SourceNode node, string path)
    {
        if (node is not SourceMapping mapping)
        {
            reader.WrongType(node, path, "a mapping of variable names to JSONPaths, e.g. { id: \"$.items[0].id\" }");
            return null;
        }
        var extracts = new List<ExtractSpec>();
        var complete = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            var variable = entry.Key.Value;
            var itemPath = $"{path}.{variable}";
            if (!TemplateParser.IsIdentifier(variable) || BuiltInVariables.All.Contains(variable) || !seen.Add(variable))
            {
                Errors.Error(entry.Key.At, ValidationCodes.InvalidVariableName, BuiltInVariables.All.Contains(variable)
                    ? $"{itemPath}: '{variable}' is a built-in variable; extract into another name"
                    : seen.Contains(variable) && TemplateParser.IsIdentifier(variable)
                        ? $"{itemPath}: '{variable}' is extracted twice in this step; keep one"
                        : $"{itemPath}: '{variable}' is not a variable name; use letters, digits and '_', starting with a letter");
                complete = false;
                continue;
            }
            var spec = ReadSource(entry.Value, itemPath, variable);
            if (spec is null) complete = false;
            else extracts.Add(spec);
        }
        return complete ? extracts : null;
    }

    private ExtractSpec? ReadSource(SourceNode node, string path, string variable)
    {
        if (node is SourceScalar { IsNull: false } scalar)
        {
            if (!JsonPathParser.TryParse(scalar.Value, out _, out var failure))
            {
                Errors.Error(scalar.PositionOf(failure!.Offset), ValidationCodes.InvalidJsonPath,
                    $"{path}: {failure.Message} (or use {{ regex: \"...\" }} or {{ header: Name }})");
                return null;
            }
            return new ExtractSpec(variable, ExtractKind.JsonPath, scalar.Value);
        }
        if (reader.Mapping(node, path, "an extract", SourceKeys) is not { } fields)
            return null;
        if (fields.Node.Entries.Count != 1 || fields["regex"] is null && fields["header"] is null)
        {
            Errors.Error(node.At, ValidationCodes.WrongType, $"{path} must have exactly one of 'regex' or 'header'");
            return null;
        }
        if (fields["regex"] is { } regexNode)
        {
            var pattern = reader.Text(regexNode, $"{path}.regex");
            return pattern is not null && RegexIsValid(pattern, regexNode, $"{path}.regex", Errors)
                ? new ExtractSpec(variable, ExtractKind.Regex, pattern)
                : null;
        }
        return reader.Text(fields["header"], $"{path}.header") is { } header ? new ExtractSpec(variable, ExtractKind.Header, header) : null;
    }

    public static bool RegexIsValid(string pattern, SourceNode node, string path, ErrorCollector errors)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException exception)
        {
            errors.Error(node.At, ValidationCodes.InvalidRegex, $"{path}: not a valid regular expression ({exception.Message})");
            return false;
        }
    }
}
