using System.Text;
using System.Text.Json.Nodes;

namespace LoadOps.Core.Importing.Har;

/// <summary>
/// Keeps credentials out of the definition: authorization, cookies and other credential headers, credential-like query
/// and form parameters and JSON fields become <c>${{ secrets.NAME }}</c> placeholders; browser-made headers are left
/// out. Every name used is collected in <see cref="Names"/> so the user knows what to set.
/// </summary>
internal sealed class HarSecrets
{
    private static readonly HashSet<string> BrowserHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "connection", "content-length", "accept", "accept-encoding", "accept-language", "user-agent", "origin", "referer",
        "cache-control", "pragma", "upgrade-insecure-requests", "dnt", "priority", "te", "keep-alive", "if-none-match",
        "if-modified-since", "purpose", "x-client-data", "sec-gpc",
    };
    private static readonly string[] CredentialWords = ["auth", "token", "key", "secret", "session", "csrf", "xsrf", "signature", "password", "credential", "cookie", "jwt", "sig"];
    private static readonly HashSet<string> CredentialFields = ["password", "passwd", "pwd", "secret", "clientsecret", "token", "accesstoken", "refreshtoken", "apikey", "idtoken", "sessionid"];

    private readonly SortedSet<string> _names = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Names => [.. _names];

    /// <summary>The headers a step sends: credentials as placeholders, the content type only for a raw body.</summary>
    public List<(string Name, string Value)> Headers(HarEntry entry, bool rawBody)
    {
        var kept = new List<(string, string)>();
        foreach (var header in entry.Headers.DistinctBy(h => h.Name.ToLowerInvariant()))
        {
            var name = header.Name;
            // A value holding '{{' or '}}' cannot be a template's literal text; such a header is left out.
            if (name.StartsWith(':') || BrowserHeaders.Contains(name) || name.StartsWith("sec-", StringComparison.OrdinalIgnoreCase)
                || header.Value.Contains("{{", StringComparison.Ordinal) || header.Value.Contains("}}", StringComparison.Ordinal))
                continue;
            if (name.Equals("content-type", StringComparison.OrdinalIgnoreCase))
            {
                if (rawBody)
                    kept.Add((name, header.Value));
                continue;
            }
            if (name.Equals("authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("proxy-authorization", StringComparison.OrdinalIgnoreCase))
                kept.Add((name, Scheme(header.Value) + Placeholder(SecretName(name))));
            else if (IsCredentialName(name) || LooksLikeToken(header.Value))
                kept.Add((name, Placeholder(SecretName(name))));
            else
                kept.Add((name, header.Value));
        }
        if (entry.Header("cookie") is null && entry.Cookies.Count > 0)
            kept.Add(("Cookie", Placeholder("COOKIE")));
        return kept;
    }

    /// <summary>A query or form parameter's value, or a placeholder when its name says it is a credential.</summary>
    public string Parameter(string name, string value) =>
        IsCredentialField(Uri.UnescapeDataString(name)) ? Placeholder(SecretName(Uri.UnescapeDataString(name))) : value;

    /// <summary>Replaces credential fields of a JSON body, at any depth, with placeholders.</summary>
    public void Mask(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (key, value) in json.ToList())
                {
                    if (value is JsonValue && IsCredentialField(key))
                        json[key] = Placeholder(SecretName(key));
                    else
                        Mask(value);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                    Mask(item);
                break;
        }
    }

    private string Placeholder(string name)
    {
        _names.Add(name);
        return $"${{{{ secrets.{name} }}}}";
    }

    private static string Scheme(string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && value[..space].All(char.IsAsciiLetter) ? value[..(space + 1)] : "";
    }

    private static bool IsCredentialName(string name) =>
        CredentialWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    private static bool IsCredentialField(string name) =>
        CredentialFields.Contains(name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant())
        || name.Equals("key", StringComparison.OrdinalIgnoreCase) || name.Equals("sig", StringComparison.OrdinalIgnoreCase)
        || name.Equals("signature", StringComparison.OrdinalIgnoreCase);

    /// <summary>A long run of token characters with letters and digits: what the definition validator refuses in a header (LO046).</summary>
    private static bool LooksLikeToken(string value)
    {
        var run = 0;
        var longest = 0;
        foreach (var c in value)
        {
            run = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+' or '/' or '=' or '.' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest >= 32 && value.Any(char.IsAsciiDigit) && value.Any(char.IsAsciiLetter);
    }

    public static string SecretName(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name)
            builder.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        var text = builder.ToString().Trim('_');
        return text.Length == 0 ? "SECRET" : text;
    }
}
