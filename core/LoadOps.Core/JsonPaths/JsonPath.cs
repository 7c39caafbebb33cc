using System.Text.Json;

namespace LoadOps.Core.JsonPaths;

/// <summary>
/// A parsed JSONPath of the subset LoadOps supports: <c>$</c>, <c>.name</c>, <c>['name']</c>, <c>[0]</c>, <c>[-1]</c>,
/// <c>[*]</c>, <c>.*</c>. Parse with <see cref="JsonPathParser"/>.
/// </summary>
public sealed record JsonPath(string Text, IReadOnlyList<JsonPathSegment> Segments)
{
    /// <summary>Every value the path selects, in document order.</summary>
    public IEnumerable<JsonElement> Select(JsonElement root)
    {
        IEnumerable<JsonElement> current = [root];
        foreach (var segment in Segments)
            current = current.SelectMany(element => Step(element, segment));
        return current;
    }

    /// <summary>The first value the path selects, or null when it selects nothing.</summary>
    public JsonElement? First(JsonElement root)
    {
        foreach (var element in Select(root))
            return element;
        return null;
    }

    private static IEnumerable<JsonElement> Step(JsonElement element, JsonPathSegment segment)
    {
        switch (segment)
        {
            case PropertySegment property when element.ValueKind == JsonValueKind.Object:
                if (element.TryGetProperty(property.Name, out var value))
                    yield return value;
                break;
            case IndexSegment index when element.ValueKind == JsonValueKind.Array:
                var length = element.GetArrayLength();
                var at = index.Index < 0 ? length + index.Index : index.Index;
                if (at >= 0 && at < length)
                    yield return element[at];
                break;
            case WildcardSegment when element.ValueKind == JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    yield return item;
                break;
            case WildcardSegment when element.ValueKind == JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    yield return property.Value;
                break;
        }
    }

    public override string ToString() => Text;
}
