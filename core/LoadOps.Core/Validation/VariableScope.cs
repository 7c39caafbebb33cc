using LoadOps.Core.Definitions;
using LoadOps.Core.Templates;

namespace LoadOps.Core.Validation;

/// <summary>The variables a template may read at one point: built-ins plus what earlier steps of the scenario extracted.</summary>
internal sealed class VariableScope
{
    private readonly HashSet<string> _extracted = new(StringComparer.Ordinal);

    private VariableScope(bool allowsExtracted) => AllowsExtracted = allowsExtracted;

    /// <summary>False for target headers, which are built before any step runs.</summary>
    public bool AllowsExtracted { get; }

    public static VariableScope ForTarget() => new(allowsExtracted: false);

    public static VariableScope ForScenario(DataScope? data = null) => new(allowsExtracted: true) { Data = data ?? DataScope.None };

    /// <summary>The data sets <c>{{ SET.COLUMN }}</c> may read; none unless the definition has <c>data:</c>.</summary>
    public DataScope Data { get; init; } = DataScope.None;

    public void Add(string variable) => _extracted.Add(variable);

    /// <summary>Null when <paramref name="name"/> may be used here, else a message that says why not and how to fix it.</summary>
    public string? Problem(string name)
    {
        if (BuiltInVariables.All.Contains(name) || _extracted.Contains(name))
            return null;
        var known = BuiltInVariables.All.Concat(_extracted).ToList();
        var nearest = NearestName.Find(name, known);
        var hint = nearest is not null ? $"did you mean '{nearest}'? " : "";
        return AllowsExtracted
            ? $"unknown variable '{name}'; {hint}a variable must be extracted by an earlier step of this scenario ('extract:') or be built in ({string.Join(", ", BuiltInVariables.All)})"
            : $"unknown variable '{name}'; {hint}target headers can only use built-in variables ({string.Join(", ", BuiltInVariables.All)}) and ${{{{ secrets.NAME }}}}";
    }
}
