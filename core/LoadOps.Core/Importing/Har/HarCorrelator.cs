using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoadOps.Core.JsonPaths;
using LoadOps.Core.Templates;

namespace LoadOps.Core.Importing.Har;

/// <summary>
/// Finds values a request reuses from an earlier JSON response (an id in the path, a query value, a JSON body field)
/// and turns them into <c>extract</c> on the earlier step and <c>{{ var }}</c> in the later one. It only acts where it
/// can tell: the value is distinctive (a string of 6+ characters or a number of 3+ digits), equals the whole path
/// segment, query value or field, and the JSONPath written (of the subset LoadOps supports) selects it again.
/// </summary>
internal sealed class HarCorrelator
{
    /// <summary>Responses larger than this are not searched, to keep importing a large HAR quick.</summary>
    public const int MaxResponseChars = 1024 * 1024;
    private const int MaxLeaves = 5000;
    private static readonly HashSet<string> Reserved = [.. BuiltInVariables.All, "uuid", "random", "secrets"];

    private readonly List<(StepDraft Step, List<(string Path, string Text)> Leaves)> _earlier = [];
    private readonly Dictionary<(StepDraft, string), string> _variables = [];
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly List<(string Name, string Path, StepDraft Source, SortedSet<string> Users)> _uses = [];

    /// <summary>Each variable made, in words: <c>cartId = $.cartId of post-api-cart, used by get-api-cart-cartid</c>.</summary>
    public List<string> Extracted() =>
        [.. _uses.Select(u => $"{u.Name} = {u.Path} of {u.Source.Name}, used by {string.Join(", ", u.Users)}")];

    /// <summary>Rewrites <paramref name="step"/> against the steps seen so far, then remembers its response for later steps.</summary>
    public void Visit(StepDraft step)
    {
        for (var i = 0; i < step.Segments.Count; i++)
        {
            if (Variable(Uri.UnescapeDataString(step.Segments[i]), step) is { } name)
                step.Segments[i] = $"{{{{ {name} }}}}";
        }
        for (var i = 0; i < step.Query.Count; i++)
        {
            if (!step.Query[i].Value.Contains("${{", StringComparison.Ordinal) && Variable(Uri.UnescapeDataString(step.Query[i].Value), step) is { } name)
                step.Query[i] = (step.Query[i].Name, $"{{{{ {name} }}}}");
        }
        Replace(step.Json, step);
        _earlier.Add((step, Leaves(step.Entry)));
    }

    private void Replace(JsonNode? node, StepDraft step)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (key, value) in json.ToList())
                {
                    if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && Variable(v.GetValue<string>(), step) is { } name)
                        json[key] = $"{{{{ {name} }}}}";
                    else
                        Replace(value, step);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String && Variable(v.GetValue<string>(), step) is { } name)
                        array[i] = $"{{{{ {name} }}}}";
                    else
                        Replace(array[i], step);
                }
                break;
        }
    }

    private string? Variable(string value, StepDraft user)
    {
        if (!IsDistinctive(value))
            return null;
        for (var i = _earlier.Count - 1; i >= 0; i--)
        {
            var (source, leaves) = _earlier[i];
            var leaf = leaves.FirstOrDefault(l => l.Text == value);
            if (leaf.Path is null)
                continue;
            if (!_variables.TryGetValue((source, leaf.Path), out var name))
            {
                name = NewName(leaf.Path);
                _variables[(source, leaf.Path)] = name;
                source.Extract.Add((name, leaf.Path));
                _uses.Add((name, leaf.Path, source, new SortedSet<string>(StringComparer.Ordinal)));
            }
            _uses.First(u => u.Name == name).Users.Add(user.Name);
            return name;
        }
        return null;
    }

    private static bool IsDistinctive(string value) =>
        value.Length >= 6 || (value.Length >= 3 && value.All(char.IsAsciiDigit) && value[0] != '0');

    private string NewName(string path)
    {
        var last = path.LastIndexOf('.');
        var raw = last >= 0 ? path[(last + 1)..] : "value";
        var cut = raw.IndexOf('[', StringComparison.Ordinal);
        raw = cut >= 0 ? raw[..cut] : raw;
        var name = new string([.. raw.Where(c => char.IsAsciiLetterOrDigit(c) || c == '_')]);
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
            name = "value" + name;
        var candidate = name;
        for (var n = 2; Reserved.Contains(candidate) || !_taken.Add(candidate); n++)
            candidate = name + n.ToString(CultureInfo.InvariantCulture);
        return candidate;
    }

    private static List<(string Path, string Text)> Leaves(HarEntry entry)
    {
        var leaves = new List<(string, string)>();
        if (entry.ResponseText is not { Length: > 0 and <= MaxResponseChars } text || entry.ResponseMimeType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
            return leaves;
        try
        {
            using var document = JsonDocument.Parse(text);
            Collect(document.RootElement, "$", leaves, document.RootElement);
        }
        catch (JsonException)
        {
            // Not JSON after all: nothing to extract from.
        }
        return leaves;
    }

    private static void Collect(JsonElement element, string path, List<(string, string)> leaves, JsonElement root)
    {
        if (leaves.Count >= MaxLeaves)
            return;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    Collect(property.Value, path + Segment(property.Name), leaves, root);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    Collect(item, $"{path}[{index++}]", leaves, root);
                break;
            case JsonValueKind.String or JsonValueKind.Number:
                var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
                // Only paths the runner's own JSONPath reads back to this very value.
                if (IsDistinctive(text) && JsonPathParser.TryParse(path, out var parsed, out _) && parsed!.First(root) is { } again
                    && (again.ValueKind == JsonValueKind.String ? again.GetString() : again.GetRawText()) == text)
                    leaves.Add((path, text));
                break;
        }
    }

    private static string Segment(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? "." + name
            : "['" + name.Replace("'", "", StringComparison.Ordinal) + "']";
}
