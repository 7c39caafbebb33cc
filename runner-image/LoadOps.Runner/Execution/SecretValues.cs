using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

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
        // Each form also JSON-escaped: a target that echoes the base64 form in JSON writes '+' and '/' escaped.
        _longestFirst = values.Values.Where(v => v.Length > 0).SelectMany(Encodings)
            .SelectMany(form => new[] { form, JsonEncodedText.Encode(form).Value }).Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length).ThenBy(v => v, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The forms a target may echo a secret in: raw, URL-encoded, JSON-escaped and base64.</summary>
    private static IEnumerable<string> Encodings(string secret)
    {
        yield return secret;
        yield return Uri.EscapeDataString(secret);
        yield return WebUtility.UrlEncode(secret);
        yield return JsonEncodedText.Encode(secret).Value;
        yield return JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        yield return base64;
        yield return base64.TrimEnd('=');
        yield return base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
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

    /// <summary>The text with every secret value, in each of its encodings, replaced by <see cref="Mask"/>.</summary>
    public string Redact(string text)
    {
        foreach (var form in _longestFirst)
        {
            if (text.Contains(form, StringComparison.Ordinal))
                text = text.Replace(form, Mask, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>
    /// Masks first, then cuts to <paramref name="maxLength"/> characters: cutting first could split a secret so that
    /// its remaining part no longer matches and survives.
    /// </summary>
    public string RedactAndShorten(string text, int maxLength = MaxMessageLength)
    {
        var safe = Redact(text);
        return safe.Length <= maxLength ? safe : string.Concat(safe.AsSpan(0, maxLength - 3), "...");
    }

    /// <summary>The longest failure message kept in a result file or printed.</summary>
    public const int MaxMessageLength = 200;
}
