using System.Globalization;
using System.Text;

namespace LoadOps.Core.JsonPaths;

/// <summary>Parses the JSONPath subset of <see cref="JsonPath"/>. Never throws on user input.</summary>
public static class JsonPathParser
{
    /// <summary>A problem at a 0-based <see cref="Offset"/> of the path text.</summary>
    public sealed record Failure(string Message, int Offset);

    public static bool TryParse(string text, out JsonPath? path, out Failure? failure)
    {
        path = null;
        failure = null;
        if (string.IsNullOrEmpty(text) || text[0] != '$')
        {
            failure = new Failure("a JSONPath starts with '$', e.g. $.items[0].id", 0);
            return false;
        }

        var segments = new List<JsonPathSegment>();
        var i = 1;
        while (i < text.Length)
        {
            var segment = text[i] switch
            {
                '.' => ParseDotted(text, ref i, out failure),
                '[' => ParseBracket(text, ref i, out failure),
                _ => Fail($"unexpected '{text[i]}'; continue the path with '.name' or '[index]'", i, out failure),
            };
            if (segment is null)
                return false;
            segments.Add(segment);
        }
        path = new JsonPath(text, segments);
        return true;
    }

    private static JsonPathSegment? ParseDotted(string text, ref int i, out Failure? failure)
    {
        failure = null;
        var start = ++i;
        if (i < text.Length && text[i] == '.')
            return Fail("recursive descent '..' is not supported; write the full path, e.g. $.items[0].id", i - 1, out failure);
        if (i < text.Length && text[i] == '*')
        {
            i++;
            return new WildcardSegment();
        }
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-' or '$'))
            i++;
        return i == start
            ? Fail("expected a property name after '.'", start, out failure)
            : new PropertySegment(text[start..i]);
    }

    private static JsonPathSegment? ParseBracket(string text, ref int i, out Failure? failure)
    {
        failure = null;
        var open = i++;
        if (i < text.Length && text[i] is '\'' or '"')
            return ParseQuoted(text, ref i, open, out failure);

        var close = text.IndexOf(']', i);
        if (close < 0)
            return Fail("'[' is never closed; add ']'", open, out failure);
        var inner = text[i..close].Trim();
        i = close + 1;
        if (inner == "*")
            return new WildcardSegment();
        if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
            return new IndexSegment(index);
        return Fail($"'[{inner}]' is not supported; use an index like [0] or [-1], [*], or a quoted name like ['id'] (filters and slices are not supported)",
            open, out failure);
    }

    private static PropertySegment? ParseQuoted(string text, ref int i, int open, out Failure? failure)
    {
        failure = null;
        var quote = text[i++];
        var name = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
                i++;
            name.Append(text[i++]);
        }
        if (i + 1 >= text.Length || text[i + 1] != ']')
            return Fail($"quoted name is not closed; write ['name']", open, out failure);
        i += 2;
        return new PropertySegment(name.ToString());
    }

    private static PropertySegment? Fail(string message, int offset, out Failure failure)
    {
        failure = new Failure(message, offset);
        return null;
    }
}
