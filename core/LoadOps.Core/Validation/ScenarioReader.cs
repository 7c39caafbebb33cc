using LoadOps.Core.Definitions;
using LoadOps.Core.Parsing;

namespace LoadOps.Core.Validation;

/// <summary>Reads <c>scenarios:</c>: unique names, positive weights, and their steps in order (so variables flow forward).</summary>
internal sealed class ScenarioReader(FieldReader reader, DataScope? data = null, IReadOnlyCollection<string>? setupVariables = null)
{
    private static readonly string[] Keys = ["name", "weight", "steps"];

    private readonly Dictionary<string, SourcePosition> _stepNames = new(StringComparer.Ordinal);
    private readonly StepListReader _steps = new(reader);

    private ErrorCollector Errors => reader.Errors;

    /// <summary>Every step name read, even from scenarios that have other problems (thresholds refer to them).</summary>
    public IReadOnlyCollection<string> StepNames => _stepNames.Keys;

    public List<ScenarioSpec>? Read(MappingFields root)
    {
        if (reader.Require(root, "scenarios", "scenarios: [{ name: browse, steps: [...] }]") is not { } node ||
            reader.List(node, "scenarios", "- name: browse") is not { } items)
            return null;
        if (items.Count == 0)
        {
            Errors.Error(node.At, ValidationCodes.NoScenarios, "scenarios is empty; add at least one scenario with a name and steps");
            return null;
        }
        var scenarios = new List<ScenarioSpec>();
        var names = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        var complete = true;
        for (var i = 0; i < items.Count; i++)
        {
            var scenario = ReadScenario(items[i], $"scenarios[{i}]", names);
            if (scenario is null) complete = false;
            else scenarios.Add(scenario);
        }
        return complete ? scenarios : null;
    }

    private ScenarioSpec? ReadScenario(SourceNode item, string path, Dictionary<string, SourcePosition> names)
    {
        if (reader.Mapping(item, path, "a scenario", Keys) is not { } fields)
            return null;
        var name = _steps.ReadName(fields, "name", path, names, ValidationCodes.DuplicateScenario, "scenario");
        var weight = fields["weight"] is { } w
            ? reader.Number(w, $"{path}.weight", 0, 1_000_000, ValidationCodes.WeightNotPositive, allowMin: false)
            : 1;
        var steps = ReadSteps(fields, path);
        return name is null || weight is null || steps is null ? null : new ScenarioSpec(name, weight.Value, steps) { At = item.At };
    }

    private List<StepSpec>? ReadSteps(MappingFields fields, string path)
    {
        if (reader.Require(fields, "steps", "steps: [{ name: home, request: GET / }]") is not { } node ||
            reader.List(node, $"{path}.steps", "- { name: home, request: GET / }") is not { } items)
            return null;
        if (items.Count == 0)
        {
            Errors.Error(node.At, ValidationCodes.NoSteps, $"{path}.steps is empty; a scenario needs at least one step with a request");
            return null;
        }
        return _steps.Read(items, $"{path}.steps", VariableScope.ForScenario(data, setupVariables), _stepNames);
    }
}
