using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoadOps.Core.Importing.Har;

/// <summary>Makes the draft of one step from a kept HAR entry: path, query, body and headers, with credentials masked.</summary>
internal static class HarStepBuilder
{
    public static StepDraft Build(HarEntry entry, HarSecrets secrets, ISet<string> takenNames)
    {
        var step = new StepDraft(entry);
        var path = entry.Url.AbsolutePath.Trim('/');
        if (path.Length > 0)
            step.Segments.AddRange(path.Split('/'));
        foreach (var pair in entry.Url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = equals < 0 ? (pair, "") : (pair[..equals], pair[(equals + 1)..]);
            step.Query.Add((name, secrets.Parameter(name, value)));
        }

        var text = entry.BodyText;
        if (text is null && entry.FormParams.Count > 0)
            text = string.Join('&', entry.FormParams.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));
        if (text is { Length: > 0 })
        {
            if (entry.BodyMimeType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true && ParseJson(text) is { } json)
            {
                secrets.Mask(json);
                step.Json = json;
            }
            else if (entry.BodyMimeType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
                step.Body = string.Join('&', text.Split('&').Select(pair => pair.Split('=', 2) is [var n, var v] ? $"{n}={secrets.Parameter(n, v)}" : pair));
            else
                step.Body = text;
        }
        step.Headers.AddRange(secrets.Headers(entry, rawBody: step.Body is not null));
        step.Name = UniqueName(entry, takenNames);
        return step;
    }

    /// <summary>A JSON mapping or list (what <c>json:</c> holds); a scalar or broken JSON is sent as a raw body instead.</summary>
    private static JsonNode? ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text) is { } node && node.GetValueKind() is JsonValueKind.Object or JsonValueKind.Array ? node : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>"get-api-products", "post-api-cart", "get-api-cart-id": method and path words; ids become "id".</summary>
    private static string UniqueName(HarEntry entry, ISet<string> taken)
    {
        var words = new List<string> { entry.Method.ToLowerInvariant() };
        foreach (var segment in entry.Url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = new string([.. Uri.UnescapeDataString(segment).ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
            if (word.Length >= 3 && word.Any(char.IsAsciiDigit))
                word = "id";
            if (word.Length > 0)
                words.Add(word);
        }
        var name = words.Count == 1 ? $"{words[0]}-root" : string.Join('-', words);
        name = name.Length > 56 ? name[..56].TrimEnd('-') : name;
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
            candidate = $"{name}-{n}";
        return candidate;
    }
}
