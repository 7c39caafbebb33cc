using LoadOps.Core.Parsing;

namespace LoadOps.Core.Validation;

/// <summary>Reads a <c>headers:</c> mapping: valid names, template values, no literal secrets.</summary>
internal static class HeadersReader
{
    public static Dictionary<string, string> Read(FieldReader reader, SourceNode? node, string path, VariableScope scope)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (node is null)
            return headers;
        if (node is not SourceMapping mapping)
        {
            reader.WrongType(node, path, "a mapping of header names to values, e.g. { Accept: application/json }");
            return headers;
        }
        foreach (var (key, valueNode) in mapping.Entries.Select(e => (e.Key, e.Value)))
        {
            var name = key.Value;
            var headerPath = $"{path}.{name}";
            if (name.Length == 0 || name.Length > 256 || !name.All(IsTokenChar))
            {
                reader.Errors.Error(key.At, ValidationCodes.InvalidHeaderName,
                    $"{headerPath}: '{name}' is not a header name; use letters, digits and '-', e.g. X-Request-Id");
                continue;
            }
            if (!headers.TryAdd(name, ""))
            {
                reader.Errors.Error(key.At, ValidationCodes.DuplicateKey, $"{headerPath}: header '{name}' is set twice; keep one");
                continue;
            }
            if (valueNode is not SourceScalar scalar || scalar.IsNull)
            {
                reader.WrongType(valueNode, headerPath, "text");
                continue;
            }
            TemplateChecker.Check(reader.Errors, scalar, scalar.Value, 0, headerPath, scope, SecretContext.Header(name));
            headers[name] = scalar.Value;
        }
        return headers;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
