using System.Text.RegularExpressions;
using LoadOps.Core.Definitions;
using LoadOps.Core.Parsing;

namespace LoadOps.Core.Validation;

/// <summary>Reads a list of steps in order (so variables flow forward) and the names of scenarios and steps.</summary>
internal sealed partial class StepListReader(FieldReader reader)
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex NameShape();

    private ErrorCollector Errors => reader.Errors;

    /// <summary>Every step; null when one of them has a problem. Names go into <paramref name="names"/> (unique there).</summary>
    public List<StepSpec>? Read(IReadOnlyList<SourceNode> items, string path, VariableScope scope, Dictionary<string, SourcePosition> names)
    {
        var steps = new List<StepSpec>();
        var complete = true;
        for (var i = 0; i < items.Count; i++)
        {
            var stepPath = $"{path}[{i}]";
            if (reader.Mapping(items[i], stepPath, "a step", StepReader.Keys) is not { } stepFields)
            {
                complete = false;
                continue;
            }
            var name = ReadName(stepFields, "name", stepPath, names, ValidationCodes.DuplicateStep, "step");
            var step = new StepReader(reader, scope).Read(stepFields, stepPath, name);
            if (step is null) complete = false;
            else steps.Add(step);
        }
        return complete ? steps : null;
    }

    public string? ReadName(MappingFields fields, string key, string path, Dictionary<string, SourcePosition> seen, string duplicateCode, string what)
    {
        if (reader.Require(fields, key, $"{key}: {what}-one") is not { } node || reader.Text(node, $"{path}.{key}") is not { } name)
            return null;
        if (!NameShape().IsMatch(name))
        {
            Errors.Error(node.At, ValidationCodes.InvalidName,
                $"{path}.{key}: a {what} name is 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit");
            return null;
        }
        if (!seen.TryAdd(name, node.At))
        {
            Errors.Error(node.At, duplicateCode,
                $"{path}.{key}: another {what} is already named '{name}' (line {seen[name].Line}); {what} names must be unique in a test");
            return null;
        }
        return name;
    }
}
