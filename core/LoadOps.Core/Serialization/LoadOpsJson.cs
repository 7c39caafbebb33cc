using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadOps.Core.Serialization;

/// <summary>The one JSON shape for every LoadOps file and message: camelCase, enums as camelCase strings, indented.</summary>
public static class LoadOpsJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    /// <summary>Compact form for queue messages and anything size-sensitive.</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            // Nulls are written: positional records (ThresholdSpec.Step, MetricComparison.Step) require every
            // constructor parameter on read, so a dropped null would make our own files unreadable.
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            // Statistics can be NaN ("not computable"); write it as "NaN" rather than fail the whole file.
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Expected a {typeof(T).Name}, found null.");
}
