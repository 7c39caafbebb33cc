using LoadOps.Core.Definitions;

namespace LoadOps.Core.Validation;

/// <summary>
/// Reads <c>setup:</c> and <c>teardown:</c>: steps each runner runs once before and once after the load. Their names
/// are unique among themselves (thresholds cannot name them: they are not measured).
/// </summary>
internal sealed class LifecycleReader(FieldReader reader)
{
    private readonly Dictionary<string, SourcePosition> _names = new(StringComparer.Ordinal);

    /// <summary>What setup steps extract; every scenario step and teardown may read it.</summary>
    public IReadOnlyCollection<string> SetupVariables { get; private set; } = [];

    public List<StepSpec>? ReadSetup(MappingFields root)
    {
        var scope = VariableScope.ForLifecycle("setup");
        var steps = Read(root, "setup", scope);
        SetupVariables = scope.Extracted.ToList();
        return steps;
    }

    public List<StepSpec>? ReadTeardown(MappingFields root) => Read(root, "teardown", VariableScope.ForLifecycle("teardown", SetupVariables));

    private List<StepSpec>? Read(MappingFields root, string key, VariableScope scope)
    {
        if (root[key] is not { } node)
            return [];
        if (reader.List(node, key, "[{ name: login, request: POST /api/sessions }]") is not { } items)
            return null;
        if (items.Count == 0)
        {
            reader.Errors.Error(node.At, ValidationCodes.EmptyLifecycleSteps,
                $"{key} is empty; add a step (e.g. - {{ name: login, request: POST /api/sessions }}) or remove '{key}:'");
            return null;
        }
        return new StepListReader(reader).Read(items, key, scope, _names);
    }
}
