using System.Text.Json.Serialization;

namespace LoadOps.Functions.Protocol;

/// <summary>
/// What the handler answers: values for output bindings by name in <see cref="Outputs"/> (an array value on a queue
/// binding sends one message per element), lines for the host's log, and the <c>$return</c> binding's value.
/// </summary>
public sealed record InvocationResponse
{
    [JsonPropertyName("Outputs")]
    public IReadOnlyDictionary<string, object?> Outputs { get; init; } = new Dictionary<string, object?>();

    [JsonPropertyName("Logs")]
    public IReadOnlyList<string> Logs { get; init; } = [];

    [JsonPropertyName("ReturnValue")]
    public object? ReturnValue { get; init; }
}
