namespace LoadOps.Runner.Execution;

/// <summary>
/// Secret values resolved from <c>LOADOPS_SECRET_NAME</c> environment variables. They go into requests only;
/// <see cref="Redact"/> removes them from any text before it is printed.
/// </summary>
internal sealed class SecretValues
{
    public const string EnvironmentPrefix = "LOADOPS_SECRET_";
    public const string Mask = "***";

    private readonly Dictionary<string, string> _values;
    private readonly string[] _longestFirst;

    private SecretValues(Dictionary<string, string> values)
    {
        _values = values;
        _longestFirst = values.Values.Where(v => v.Length > 0).Distinct().OrderByDescending(v => v.Length).ToArray();
    }

    public static SecretValues Empty { get; } = new([]);

    /// <summary>Resolves <paramref name="names"/>; reports every missing one with how to set it.</summary>
    public static SecretValues Resolve(IEnumerable<string> names, Func<string, string?> environment, List<string> errors)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            var value = environment(EnvironmentPrefix + name);
            if (string.IsNullOrEmpty(value))
                errors.Add($"secret '{name}' is not set: set the environment variable {EnvironmentPrefix}{name} on the runner");
            else
                values[name] = value;
        }
        return new SecretValues(values);
    }

    public string Get(string name) =>
        _values.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException($"Secret '{name}' was not resolved before the start.");

    /// <summary>The text with every secret value replaced by <see cref="Mask"/>.</summary>
    public string Redact(string text)
    {
        foreach (var secret in _longestFirst)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            var escaped = Uri.EscapeDataString(secret);
            if (escaped != secret && text.Contains(escaped, StringComparison.Ordinal))
                text = text.Replace(escaped, Mask, StringComparison.Ordinal);
        }
        return text;
    }
}
