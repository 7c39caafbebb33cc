using System.Globalization;
using System.Text.Json;

namespace LoadOps.Cloud.ServiceBus;

/// <summary>
/// The <c>BrokerProperties</c> header: JSON such as <c>{"DeliveryCount":1,"LockToken":"…","LockedUntilUtc":"Wed, 02 Jul 2014
/// 10:37:58 GMT","MessageId":"…","SequenceNumber":11,…}</c>. A received message is usable only with a lock token, a
/// message id and a sequence number; anything else is reported as malformed (the message is not lost: its lock expires).
/// </summary>
internal static class BrokerProperties
{
    public const string Header = "BrokerProperties";

    /// <summary>The properties set on send: the message id and, optionally, its time to live in seconds.</summary>
    public static string ForSend(string messageId, TimeSpan? timeToLive)
    {
        var properties = new System.Text.Json.Nodes.JsonObject { ["MessageId"] = messageId };
        if (timeToLive is { } ttl)
            properties["TimeToLive"] = Math.Max(1, (long)Math.Ceiling(ttl.TotalSeconds));
        return properties.ToJsonString();
    }

    public static ServiceBusReceivedMessage Parse(string? header, string body, string queue)
    {
        if (string.IsNullOrWhiteSpace(header))
            throw Malformed(queue, "it has no BrokerProperties header");
        try
        {
            using var document = JsonDocument.Parse(header);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Malformed(queue, "its BrokerProperties header is not a JSON object");
            var lockToken = Text(root, "LockToken") ?? throw Malformed(queue, "its BrokerProperties has no LockToken");
            var messageId = Text(root, "MessageId") ?? throw Malformed(queue, "its BrokerProperties has no MessageId");
            var sequence = root.TryGetProperty("SequenceNumber", out var s) && s.TryGetInt64(out var n)
                ? n : throw Malformed(queue, "its BrokerProperties has no numeric SequenceNumber");
            var delivery = root.TryGetProperty("DeliveryCount", out var d) && d.TryGetInt32(out var count) ? count : 1;
            DateTimeOffset? lockedUntil = Text(root, "LockedUntilUtc") is { } until &&
                DateTimeOffset.TryParse(until, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
            return new ServiceBusReceivedMessage(body, messageId, lockToken, sequence, delivery, lockedUntil);
        }
        catch (JsonException)
        {
            throw Malformed(queue, "its BrokerProperties header is not valid JSON");
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static ServiceBusException Malformed(string queue, string what) =>
        new(ServiceBusFailure.Malformed,
            $"A message received from Service Bus queue '{queue}' cannot be settled: {what}. It was not processed; its lock " +
            "expires and it is delivered again, then dead-lettered after the queue's MaxDeliveryCount.");
}
