using System.Text.Json;

namespace LoadOps.Core.Webhooks;

/// <summary>Reads dotted paths out of a webhook payload; a missing required field becomes a located rejection, not a crash.</summary>
internal readonly struct PayloadReader(JsonElement root)
{
    public sealed class MissingField(string path) : Exception($"missing field {path}")
    {
        public string Path { get; } = path;
    }

    public string String(string path) =>
        Find(path) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text
            ? text
            : throw new MissingField(path);

    public string? OptionalString(string path) => Find(path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public long Long(string path) =>
        Find(path) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : throw new MissingField(path);

    public long? OptionalLong(string path) =>
        Find(path) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    /// <summary>True when the field is present and not null.</summary>
    public bool Has(string path) => Find(path) is { ValueKind: not JsonValueKind.Null };

    public bool OptionalBool(string path) => Find(path) is { ValueKind: JsonValueKind.True };

    public IEnumerable<PayloadReader> Array(string path) =>
        Find(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().Select(e => new PayloadReader(e)).ToList() : [];

    public IEnumerable<string> Strings(string path) =>
        Find(path) is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];

    private JsonElement? Find(string path)
    {
        var current = root;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                return null;
        }
        return current;
    }
}
