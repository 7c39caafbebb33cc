using LoadOps.Core.Templates;

namespace LoadOps.Runner.Execution;

/// <summary>
/// Launch variables (<c>{{ env.NAME }}</c>) from <c>LOADOPS_ENV_NAME</c> environment variables: what
/// <c>loadops run -e NAME=VALUE</c> sets for its runners, or what an image or VM sets. Resolved once before the start.
/// </summary>
internal sealed class EnvValues
{
    public const string EnvironmentPrefix = "LOADOPS_ENV_";

    private readonly Dictionary<string, string> _values;

    private EnvValues(Dictionary<string, string> values) => _values = values;

    public static EnvValues Empty { get; } = new([]);

    /// <summary>Resolves every launch variable <paramref name="templates"/> read; reports each missing one with how to set it.</summary>
    public static EnvValues Resolve(IEnumerable<Template> templates, Func<string, string?> environment, List<string> errors)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in templates.SelectMany(t => t.EnvNames).Distinct(StringComparer.Ordinal))
        {
            if (environment(EnvironmentPrefix + name) is { } value)
                values[name] = value;
            else
                errors.Add($"launch variable '{name}' ({{{{ env.{name} }}}}) is not set: pass -e {name}=VALUE to loadops run, or set {EnvironmentPrefix}{name} on the runner");
        }
        return new EnvValues(values);
    }

    public string Get(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"Launch variable '{name}' was not resolved before the start.");
}
