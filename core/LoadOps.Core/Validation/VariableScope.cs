using LoadOps.Core.Definitions;
using LoadOps.Core.Templates;

namespace LoadOps.Core.Validation;

/// <summary>The variables a template may read at one point: built-ins plus what earlier steps extracted.</summary>
internal sealed class VariableScope
{
    private readonly HashSet<string> _extracted = new(StringComparer.Ordinal);
    private readonly string _origin;

    private VariableScope(bool allowsExtracted, string origin, IEnumerable<string>? shared = null)
    {
        AllowsExtracted = allowsExtracted;
        _origin = origin;
        foreach (var name in shared ?? [])
            _extracted.Add(name);
    }

    /// <summary>False for target headers, which are built before any step runs.</summary>
    public bool AllowsExtracted { get; }

    public static VariableScope ForTarget() => new(allowsExtracted: false, "");

    /// <summary>A scenario's steps: they read what earlier steps of the scenario and the setup steps extracted.</summary>
    public static VariableScope ForScenario(DataScope? data = null, IEnumerable<string>? setupVariables = null) =>
        new(allowsExtracted: true, "an earlier step of this scenario or a setup step", setupVariables) { Data = data ?? DataScope.None };

    /// <summary>Setup or teardown steps: run once per runner outside any iteration, so no data rows; teardown also reads setup's variables.</summary>
    public static VariableScope ForLifecycle(string phase, IEnumerable<string>? setupVariables = null) =>
        new(allowsExtracted: true, phase == "setup" ? "an earlier setup step" : "a setup step or an earlier teardown step", setupVariables)
        {
            NoDataReason = $"{phase} steps run once per runner, outside any iteration, so no data row is bound; " +
                           "read the row in a scenario step, or extract what you need in setup",
        };

    /// <summary>The data sets <c>{{ SET.COLUMN }}</c> may read; none unless the definition has <c>data:</c>.</summary>
    public DataScope Data { get; init; } = DataScope.None;

    /// <summary>Set where data rows cannot be read at all (setup and teardown): why not.</summary>
    public string? NoDataReason { get; init; }

    /// <summary>Every variable extracted so far (including the shared ones the scope started with).</summary>
    public IReadOnlyCollection<string> Extracted => _extracted;

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
            ? $"unknown variable '{name}'; {hint}a variable must be extracted by {_origin} ('extract:') or be built in ({string.Join(", ", BuiltInVariables.All)})"
            : $"unknown variable '{name}'; {hint}target headers can only use built-in variables ({string.Join(", ", BuiltInVariables.All)}) and ${{{{ secrets.NAME }}}}";
    }
}
