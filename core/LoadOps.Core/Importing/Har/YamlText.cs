using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoadOps.Core.Importing.Har;

/// <summary>Writes values into the YAML of a definition: every string double-quoted and escaped, JSON as a flow mapping.</summary>
internal static class YamlText
{
    /// <summary>A YAML double-quoted scalar; any text (quotes, backslashes, control characters, any Unicode) survives it.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < ' ' or '\u007f' or '\u0085' or '\u2028' or '\u2029' or '\ufeff':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: builder.Append(c); break;
            }
        }
        return builder.Append('"').ToString();
    }

    /// <summary>JSON as YAML flow style: objects <c>{ "k": v }</c>, arrays <c>[ v ]</c>, strings quoted, numbers and literals as written.</summary>
    public static string Flow(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject json => json.Count == 0 ? "{}" : "{ " + string.Join(", ", json.Select(p => $"{Quote(p.Key)}: {Flow(p.Value)}")) + " }",
        JsonArray array => array.Count == 0 ? "[]" : "[ " + string.Join(", ", array.Select(Flow)) + " ]",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => Quote(value.GetValue<string>()),
        _ => node.ToJsonString(),
    };
}
