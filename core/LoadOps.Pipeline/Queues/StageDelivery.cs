using System.Text.Json;
using LoadOps.Core.Serialization;

namespace LoadOps.Pipeline;

/// <summary>
/// How a host reads one delivery of a stage message: the JSON body as the senders write it
/// (<see cref="LoadOpsJson.Compact"/>), and whether this delivery is the last before the message is given up.
/// The Functions app's host.json sets <c>extensions.queues.maxDequeueCount</c> to <see cref="MaxDequeueCount"/> (a test checks).
/// </summary>
public static class StageDelivery
{
    /// <summary>Deliveries of one message before it goes to the poison queue.</summary>
    public const int MaxDequeueCount = 5;

    /// <summary>True on the delivery after which the queue gives the message up if it fails again.</summary>
    public static bool IsLast(long dequeueCount) => dequeueCount >= MaxDequeueCount;

    /// <summary>The message body, or why it is not a <typeparamref name="T"/> (naming the JSON path, never the payload).</summary>
    public static (T? Body, string? Problem) Read<T>(string? text)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(text))
            return (null, $"The message is empty, not a {typeof(T).Name}.");
        try
        {
            var body = JsonSerializer.Deserialize<T>(text, LoadOpsJson.Compact);
            return body is null ? (null, $"The message is not a {typeof(T).Name}: it is null.") : (body, null);
        }
        catch (JsonException e)
        {
            return (null, $"The message is not a valid {typeof(T).Name}: {e.Message}");
        }
    }
}
