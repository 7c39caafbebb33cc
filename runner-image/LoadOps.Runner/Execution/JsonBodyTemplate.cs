using System.Buffers;
using System.Text.Json;
using LoadOps.Core.Templates;

namespace LoadOps.Runner.Execution;

/// <summary>
/// A JSON request body whose string values may hold templates. Bodies without any template are encoded once;
/// the others are written per request with every templated string value filled in.
/// </summary>
internal sealed class JsonBodyTemplate
{
    private readonly JsonElement _root;
    private readonly Dictionary<string, Template> _templated;
    private readonly byte[]? _literal;

    private JsonBodyTemplate(JsonElement root, Dictionary<string, Template> templated)
    {
        _root = root;
        _templated = templated;
        if (templated.Count == 0)
            _literal = JsonSerializer.SerializeToUtf8Bytes(root);
    }

    public IEnumerable<Template> Templates => _templated.Values;

    public bool IsLiteral => _literal is not null;

    public static JsonBodyTemplate? TryCreate(string json, string where, List<string> errors)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            errors.Add($"{where}: the json body is not valid JSON ({e.Message})");
            return null;
        }
        var templated = new Dictionary<string, Template>(StringComparer.Ordinal);
        Collect(root, templated, where, errors);
        return new JsonBodyTemplate(root, templated);
    }

    public byte[] Render(TemplateRenderer renderer, VirtualUser user)
    {
        if (_literal is not null)
            return _literal;
        var output = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(output))
            Write(writer, _root, renderer, user);
        return output.WrittenSpan.ToArray();
    }

    private void Write(Utf8JsonWriter writer, JsonElement element, TemplateRenderer renderer, VirtualUser user)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, renderer, user);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                    Write(writer, item, renderer, user);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String when _templated.TryGetValue(element.GetString()!, out var template):
                writer.WriteStringValue(renderer.Render(template, user));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static void Collect(JsonElement element, Dictionary<string, Template> templated, string where, List<string> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    Collect(property.Value, templated, where, errors);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    Collect(item, templated, where, errors);
                break;
            case JsonValueKind.String:
                var text = element.GetString()!;
                if (!text.Contains("{{", StringComparison.Ordinal) || templated.ContainsKey(text))
                    break;
                if (TemplateParser.TryParse(text, out var template, out var failure))
                    templated[text] = template;
                else
                    errors.Add($"{where}: json value '{text}': {failure!.Message}");
                break;
        }
    }
}
