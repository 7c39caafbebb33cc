using System.Text.Json;

namespace LoadOps.Core.Results;

/// <summary>Reads an interval's optional <c>statusCodes</c>, <c>errors</c> and <c>errorSamples</c> objects for <see cref="IntervalJsonReader"/>.</summary>
internal static class OutcomeJsonReader
{
    public static Dictionary<string, long>? ReadCounts(ref Utf8JsonReader reader) => ReadMap(ref reader, static (ref Utf8JsonReader r) => r.GetInt64());

    public static Dictionary<string, string>? ReadSamples(ref Utf8JsonReader reader) => ReadMap(ref reader, static (ref Utf8JsonReader r) => r.GetString() ?? "");

    private delegate T ValueReader<out T>(ref Utf8JsonReader reader);

    /// <summary>An object of name → value (status codes, error kinds, samples); null stays null.</summary>
    private static Dictionary<string, T>? ReadMap<T>(ref Utf8JsonReader reader, ValueReader<T> value)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        IntervalJsonReader.Expect(ref reader, JsonTokenType.StartObject, "an object of counts by name");
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            map[name] = value(ref reader);
        }
        IntervalJsonReader.Expect(ref reader, JsonTokenType.EndObject, "the end of the object");
        return map;
    }
}
