using System.Text;
using System.Text.Json;
using LoadOps.Core.Serialization;

namespace LoadOps.Functions.Protocol;

/// <summary>
/// Reads a queue trigger's message into a typed record. The host hands the message over as text (already
/// base64-decoded when host.json says <c>messageEncoding: base64</c>), and as an object when it recognised JSON;
/// a message still in base64 (sent by a client that encoded it while the host expects plain text) is decoded too.
/// </summary>
public static class QueueMessageReader
{
    public static bool TryRead<T>(JsonElement data, out T? message, out string? problem)
        where T : class
    {
        message = null;
        problem = null;
        var text = data.ValueKind switch
        {
            JsonValueKind.String => data.GetString() ?? "",
            JsonValueKind.Object => data.GetRawText(),
            _ => null,
        };
        if (text is null)
        {
            problem = $"expected a {typeof(T).Name} message as JSON text or object, found {data.ValueKind}";
            return false;
        }

        if (TryDeserialize(text, out message, out problem))
            return true;
        if (TryDecodeBase64(text, out var decoded) && TryDeserialize(decoded, out message, out _))
        {
            problem = null;
            return true;
        }
        return false;
    }

    private static bool TryDeserialize<T>(string text, out T? message, out string? problem)
        where T : class
    {
        message = null;
        problem = null;
        try
        {
            message = JsonSerializer.Deserialize<T>(text, LoadOpsJson.Options);
            if (message is null)
                problem = $"the {typeof(T).Name} message is null";
            return message is not null;
        }
        catch (JsonException e)
        {
            problem = $"the message is not a valid {typeof(T).Name}: {e.Message}";
            return false;
        }
    }

    private static bool TryDecodeBase64(string text, out string decoded)
    {
        decoded = "";
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text.Trim(), buffer, out var length))
            return false;
        decoded = Encoding.UTF8.GetString(buffer, 0, length);
        return true;
    }
}
