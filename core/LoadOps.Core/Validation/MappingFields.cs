using LoadOps.Core.Definitions;
using LoadOps.Core.Parsing;

namespace LoadOps.Core.Validation;

/// <summary>The entries of one mapping, checked against the keys it may have (unknown and repeated keys are reported).</summary>
internal sealed class MappingFields
{
    private readonly Dictionary<string, SourceEntry> _entries = new(StringComparer.Ordinal);

    private MappingFields(SourceMapping node, string path)
    {
        Node = node;
        Path = path;
    }

    public SourceMapping Node { get; }

    public string Path { get; }

    public SourcePosition At => Node.At;

    public static MappingFields Open(SourceMapping node, string path, string what, IReadOnlyList<string> knownKeys, ErrorCollector errors)
    {
        var fields = new MappingFields(node, path);
        foreach (var entry in node.Entries)
        {
            var key = entry.Key.Value;
            if (!knownKeys.Contains(key, StringComparer.Ordinal))
            {
                var nearest = NearestName.Find(key, knownKeys);
                errors.Error(entry.Key.At, ValidationCodes.UnknownKey, nearest is not null
                    ? $"unknown key '{key}' in {what}; did you mean '{nearest}'?"
                    : $"unknown key '{key}' in {what}; known keys: {string.Join(", ", knownKeys)}");
                continue;
            }
            if (!fields._entries.TryAdd(key, entry))
                errors.Error(entry.Key.At, ValidationCodes.DuplicateKey,
                    $"'{key}' appears twice in {what} (first at line {fields._entries[key].Key.At.Line}); keep one");
        }
        return fields;
    }

    /// <summary>The value of <paramref name="key"/>, or null when absent.</summary>
    public SourceNode? this[string key] => _entries.TryGetValue(key, out var entry) ? entry.Value : null;

    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>Where the key itself stands, or the mapping's start when absent.</summary>
    public SourcePosition KeyAt(string key) => _entries.TryGetValue(key, out var entry) ? entry.Key.At : Node.At;

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";
}
