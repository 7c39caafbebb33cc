using System.Text;
using System.Text.Json;

namespace LoadOps.Core.Importing.Har;

/// <summary>
/// Finds the line of a JSON path (<c>$.a.b[3].c</c>, the paths <see cref="HarReader"/> reports) in JSON text, so a
/// message can name the line; when the path's last step is missing, the line of the deepest part that exists.
/// </summary>
internal static class JsonLineFinder
{
    public static int? LineOf(string text, string path)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 256 });
        var stack = new List<string>();
        var arrayIndex = new Stack<int>();
        string? pendingName = null;
        long best = -1;
        var bestLength = 0;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingName = "." + reader.GetString();
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        if (reader.TokenType == JsonTokenType.EndArray)
                            arrayIndex.Pop();
                        if (stack.Count > 0)
                            stack.RemoveAt(stack.Count - 1);
                        continue;
                }
                var segment = pendingName ?? (arrayIndex.Count > 0 ? $"[{arrayIndex.Peek()}]" : "$");
                if (pendingName is null && arrayIndex.Count > 0)
                    arrayIndex.Push(arrayIndex.Pop() + 1);
                pendingName = null;
                var current = string.Concat(stack) + segment;
                if (path.StartsWith(current, StringComparison.Ordinal) && current.Length > bestLength
                    && (path.Length == current.Length || path[current.Length] is '.' or '['))
                {
                    best = reader.TokenStartIndex;
                    bestLength = current.Length;
                }
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    stack.Add(segment);
                    if (reader.TokenType == JsonTokenType.StartArray)
                        arrayIndex.Push(0);
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return best < 0 ? null : bytes.AsSpan(0, (int)best).Count((byte)'\n') + 1;
    }
}
