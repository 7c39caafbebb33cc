using LoadOps.Core.Definitions;
using LoadOps.Core.Parsing;

namespace LoadOps.Core.Validation;

/// <summary>Reads <c>thresholds:</c>: <c>"p95 &lt; 300ms"</c> or <c>{ step: NAME, check: "p99 &lt; 800ms" }</c>.</summary>
internal sealed class ThresholdReader(FieldReader reader, IReadOnlyList<string> stepNames, bool stepsUnknown)
{
    private static readonly string[] Keys = ["step", "check"];

    private ErrorCollector Errors => reader.Errors;

    public List<ThresholdSpec>? Read(MappingFields root)
    {
        if (root["thresholds"] is not { } node)
            return [];
        if (reader.List(node, "thresholds", "[\"p95 < 300ms\", \"errors < 1%\"]") is not { } items)
            return null;
        var thresholds = new List<ThresholdSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var complete = true;
        for (var i = 0; i < items.Count; i++)
        {
            var threshold = ReadOne(items[i], $"thresholds[{i}]");
            if (threshold is null)
            {
                complete = false;
                continue;
            }
            if (!seen.Add($"{threshold.Step}|{threshold.Expression}"))
                Errors.Warning(items[i].At, ValidationCodes.DuplicateThreshold,
                    $"thresholds[{i}]: '{threshold.Expression}'{(threshold.Step is null ? "" : $" on step '{threshold.Step}'")} is already listed; remove the repeat");
            thresholds.Add(threshold);
        }
        return complete ? thresholds : null;
    }

    private ThresholdSpec? ReadOne(SourceNode item, string path)
    {
        string? step = null;
        SourceNode? check = item;
        if (item is SourceMapping)
        {
            if (reader.Mapping(item, path, "a threshold", Keys) is not { } fields)
                return null;
            check = reader.Require(fields, "check", "check: \"p99 < 800ms\"");
            var stepNode = reader.Require(fields, "step", "step: list-products");
            step = reader.Text(stepNode, $"{path}.step");
            if (step is not null && !stepsUnknown && !stepNames.Contains(step, StringComparer.Ordinal))
            {
                var nearest = NearestName.Find(step, stepNames);
                Errors.Error(stepNode!.At, ValidationCodes.UnknownThresholdStep, $"{path}.step: no step is named '{step}'; " +
                    (nearest is not null ? $"did you mean '{nearest}'?" : $"steps: {string.Join(", ", stepNames)}"));
                step = null;
            }
            if (step is null)
                return null;
        }
        if (check is null || reader.Text(check, item is SourceMapping ? $"{path}.check" : path) is not { } text)
            return null;
        var scalar = (SourceScalar)check;
        if (!ThresholdParser.TryParse(text, out var expression, out var failure))
        {
            Errors.Error(scalar.PositionOf(failure!.Offset), ValidationCodes.InvalidThreshold,
                $"{path}: {failure.Message}{(failure.Suggestion is { } s ? $"; did you mean '{s}'?" : "")}");
            return null;
        }
        return new ThresholdSpec(step, expression!, text) { At = item.At };
    }
}
