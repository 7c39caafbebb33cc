using System.Text.Json;

namespace LoadOps.Functions.Protocol;

/// <summary>JSON settings for the host's payloads: PascalCase names from the host, matched without regard to case.</summary>
internal static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNameCaseInsensitive = true,
        MaxDepth = 64,
    };
}
