using LoadOps.Core.Definitions;

namespace LoadOps.Core.Validation;

/// <summary>Reads <c>runners:</c> (default: one local runner): <c>local</c>, <c>azure/REGION</c>, <c>aws/REGION</c>, <c>pool/NAME</c>.</summary>
internal sealed class RunnerReader(FieldReader reader)
{
    private static readonly string[] Keys = ["location", "count"];
    public const int MaxCountPerLocation = 1_000;

    private ErrorCollector Errors => reader.Errors;

    public List<RunnerSpec>? Read(MappingFields root)
    {
        if (root["runners"] is not { } node)
            return [new RunnerSpec("local", 1)];
        if (reader.List(node, "runners", "[{ location: local, count: 1 }]") is not { } items)
            return null;
        if (items.Count == 0)
        {
            Errors.Error(node.At, ValidationCodes.NoRunnerCapacity, "runners is empty; list at least one, e.g. - { location: local, count: 1 }, or remove 'runners'");
            return null;
        }
        var runners = new List<RunnerSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var complete = true;
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"runners[{i}]";
            if (reader.Mapping(items[i], path, "a runner", Keys) is not { } fields)
            {
                complete = false;
                continue;
            }
            var location = ReadLocation(fields, path);
            var count = fields["count"] is { } c ? reader.WholeNumber(c, $"{path}.count", 1, MaxCountPerLocation, ValidationCodes.NoRunnerCapacity) : 1;
            if (location is null || count is null)
            {
                complete = false;
                continue;
            }
            if (!seen.Add(location))
                Errors.Warning(fields.KeyAt("location"), ValidationCodes.DuplicateRunnerLocation,
                    $"{path}: '{location}' is listed twice; merge the entries into one with the total count");
            runners.Add(new RunnerSpec(location, (int)count.Value) { At = items[i].At });
        }
        return complete ? runners : null;
    }

    private string? ReadLocation(MappingFields fields, string path)
    {
        if (reader.Require(fields, "location", "location: local") is not { } node || reader.Text(node, $"{path}.location") is not { } text)
            return null;
        if (RunnerLocation.TryParse(text, out _))
            return text;
        Errors.Error(node.At, ValidationCodes.InvalidRunnerLocation,
            $"{path}.location: '{(text.Length > 40 ? text[..37] + "..." : text)}' is not a runner location; use local, azure/REGION (e.g. azure/westeurope), " +
            "aws/REGION (e.g. aws/us-east-1) or pool/NAME, in lower case");
        return null;
    }
}
