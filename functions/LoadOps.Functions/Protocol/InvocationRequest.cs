using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadOps.Functions.Protocol;

/// <summary>
/// What the Functions host posts to <c>/{functionName}</c>: trigger and input binding values under their binding
/// names in <see cref="Data"/>, trigger metadata (DequeueCount, sys.UtcNow, ...) in <see cref="Metadata"/>.
/// </summary>
public sealed record InvocationRequest
{
    [JsonPropertyName("Data")]
    public IReadOnlyDictionary<string, JsonElement> Data { get; init; } = new Dictionary<string, JsonElement>();

    [JsonPropertyName("Metadata")]
    public IReadOnlyDictionary<string, JsonElement> Metadata { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>How many times the host has delivered this queue message, or 1 when the trigger does not say.</summary>
    public int DequeueCount =>
        Metadata.TryGetValue("DequeueCount", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var n) ? n : 1;
}
