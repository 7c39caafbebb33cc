using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LoadOps.Core.Parsing;

/// <summary>Writes a YAML tree as JSON text, typing plain scalars by the YAML 1.2 core schema (quoted values stay strings).</summary>
internal static class SourceJson
{
    public static string Write(SourceNode node, bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, MaxDepth = 256 }))
            WriteNode(writer, node);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>One scalar as JSON text: <c>true</c>, <c>3</c>, <c>"ok"</c>, <c>null</c>.</summary>
    public static string Scalar(SourceScalar scalar) => Write(scalar);

    private static void WriteNode(Utf8JsonWriter writer, SourceNode node)
    {
        switch (node)
        {
            case SourceMapping mapping:
                writer.WriteStartObject();
                foreach (var entry in mapping.Entries)
                {
                    writer.WritePropertyName(entry.Key.Value);
                    WriteNode(writer, entry.Value);
                }
                writer.WriteEndObject();
                break;
            case SourceSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                    WriteNode(writer, item);
                writer.WriteEndArray();
                break;
            case SourceScalar scalar:
                WriteScalar(writer, scalar);
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, SourceScalar scalar)
    {
        switch (ScalarType.Of(scalar))
        {
            case ScalarKind.Null:
                writer.WriteNullValue();
                break;
            case ScalarKind.Boolean:
                writer.WriteBooleanValue(scalar.Value.Equals("true", StringComparison.OrdinalIgnoreCase));
                break;
            case ScalarKind.Integer when long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole):
                writer.WriteNumberValue(whole);
                break;
            case ScalarKind.Integer or ScalarKind.Float
                when double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            default:
                writer.WriteStringValue(scalar.Value);
                break;
        }
    }
}
