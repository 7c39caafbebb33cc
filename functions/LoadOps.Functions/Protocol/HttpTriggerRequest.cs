using System.Text.Json;

namespace LoadOps.Functions.Protocol;

/// <summary>The <c>req</c> value of an HTTP trigger when the host does not forward the raw request.</summary>
public sealed record HttpTriggerRequest
{
    public string Url { get; init; } = "";
    public string Method { get; init; } = "";
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    /// <summary>Header values as the host sends them: each name maps to a list of values.</summary>
    public IReadOnlyDictionary<string, string[]> Headers { get; init; } = new Dictionary<string, string[]>();

    /// <summary>The body as text; null when there was none. A body the host parsed as JSON is kept as its JSON text.</summary>
    public string? Body { get; init; }

    /// <summary>First value of a header, matched without regard to case (HTTP header names are case-insensitive).</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    /// <summary>Reads the host's payload field by field, so that one odd field never loses the rest.</summary>
    public static bool TryRead(JsonElement value, out HttpTriggerRequest request)
    {
        request = new HttpTriggerRequest();
        if (value.ValueKind != JsonValueKind.Object)
            return false;
        request = new HttpTriggerRequest
        {
            Url = Property(value, "Url") is { ValueKind: JsonValueKind.String } url ? url.GetString()! : "",
            Method = Property(value, "Method") is { ValueKind: JsonValueKind.String } method ? method.GetString()! : "",
            Query = Strings(Property(value, "Query")),
            Headers = HeaderValues(Property(value, "Headers")),
            Body = Property(value, "Body") switch
            {
                { ValueKind: JsonValueKind.String } text => text.GetString(),
                { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } or null => null,
                var other => other.Value.GetRawText(),
            },
        };
        return true;
    }

    private static JsonElement? Property(JsonElement value, string name)
    {
        foreach (var property in value.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                return property.Value;
        }
        return null;
    }

    private static Dictionary<string, string> Strings(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } map
            ? map.EnumerateObject().GroupBy(p => p.Name).ToDictionary(g => g.Key, g => Text(g.Last().Value))
            : [];

    private static Dictionary<string, string[]> HeaderValues(JsonElement? value)
    {
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (value is not { ValueKind: JsonValueKind.Object } map)
            return headers;
        foreach (var property in map.EnumerateObject())
        {
            string[] values = property.Value.ValueKind switch
            {
                JsonValueKind.Array => property.Value.EnumerateArray().Select(Text).ToArray(),
                _ => [Text(property.Value)],
            };
            // The same header under two spellings is one header with both values.
            headers[property.Name] = headers.TryGetValue(property.Name, out var earlier) ? [.. earlier, .. values] : values;
        }
        return headers;
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
