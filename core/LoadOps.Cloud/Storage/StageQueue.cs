using System.Text.Json;
using Azure.Storage.Queues;
using LoadOps.Core.Serialization;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Storage;

/// <summary>
/// <see cref="IStageQueue"/> over Azure Storage Queues. Bodies are compact JSON (<see cref="LoadOpsJson.Compact"/>)
/// sent base64-encoded: the client is built with <see cref="QueueMessageEncoding.Base64"/> (see
/// <see cref="StorageClients"/>), because the Functions host's queue trigger decodes base64 by default. Messages are
/// received undecoded and decoded here, so one that is not base64, not UTF-8 or not the expected JSON is poisoned with
/// that reason instead of failing the SDK's whole receive (which would stop every worker at every start). A message
/// received more than <c>maxDequeueCount</c> times goes to <c>{queue}-poison</c>, the name the Functions host uses too.
/// </summary>
public sealed class StageQueue : IStageQueue
{
    /// <summary>64 KiB per message, and base64 turns 3 bytes into 4.</summary>
    public const int MaxJsonBytes = 48 * 1024;

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly QueueClient _queue;
    private readonly QueueClient _raw;
    private readonly QueueClient _poison;
    private readonly int _maxDequeueCount;

    /// <param name="queueName">The full queue name, e.g. <c>clients.Names.Queue(StageQueueNames.Collect)</c>.</param>
    public StageQueue(StorageClients clients, string queueName, int maxDequeueCount = 5)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentException.ThrowIfNullOrEmpty(queueName);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDequeueCount, 1);
        _queue = clients.Queues.GetQueueClient(queueName);
        _raw = clients.RawQueues.GetQueueClient(queueName);
        _poison = clients.Queues.GetQueueClient(StageQueueNames.PoisonOf(queueName));
        _maxDequeueCount = maxDequeueCount;
    }

    public string Name => _queue.Name;

    public async Task SendAsync<T>(T message, CancellationToken cancellationToken, TimeSpan? delay = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        var json = JsonSerializer.Serialize(message, LoadOpsJson.Compact);
        var size = System.Text.Encoding.UTF8.GetByteCount(json);
        if (size > MaxJsonBytes)
            throw new ArgumentException(
                $"A {typeof(T).Name} message is {size} bytes of JSON; a queue message holds at most {MaxJsonBytes} before base64. " +
                "Put the payload in a blob and send its name.", nameof(message));
        await _queue.SendMessageAsync(BinaryData.FromString(json), visibilityTimeout: delay, cancellationToken: cancellationToken);
    }

    public async Task<StageBatch<T>> ReceiveAsync<T>(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        var received = await _raw.ReceiveMessagesAsync(maxMessages, visibilityTimeout, cancellationToken);

        var messages = new List<StageMessage<T>>();
        var poisoned = new List<PoisonedMessage<T>>();
        foreach (var raw in received.Value)
        {
            var stored = raw.Body.ToString();
            var (text, decodeError) = Decode(stored);
            var (body, error) = text is null ? (null, decodeError) : Parse<T>(text);
            var receipt = new StageReceipt(Name, raw.MessageId, raw.PopReceipt);
            if (body is not null && raw.DequeueCount <= _maxDequeueCount)
            {
                messages.Add(new StageMessage<T>(body, receipt, raw.DequeueCount, raw.InsertedOn) { RawBody = text! });
                continue;
            }

            // Past the limit without an answer: each delivery ended without the worker settling it (it died or hung).
            var reason = error ?? $"Gave up after {raw.DequeueCount - 1} deliveries that were never settled (the worker stopped or timed out while handling it; limit {_maxDequeueCount}).";
            await MoveToPoisonAsync(text ?? stored, receipt, cancellationToken);
            poisoned.Add(new PoisonedMessage<T>(raw.MessageId, text ?? stored, body, raw.DequeueCount, reason));
        }

        return new StageBatch<T>(messages, poisoned);
    }

    /// <summary>
    /// Gives a received message up now (its last attempt failed): parks it in the poison queue and deletes it. The
    /// returned record carries <paramref name="reason"/>, so the run is failed with the real cause.
    /// </summary>
    public async Task<PoisonedMessage<T>> PoisonAsync<T>(StageMessage<T> message, string reason, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        CheckOwned(message.Receipt);
        await MoveToPoisonAsync(message.RawBody, message.Receipt, cancellationToken);
        return new PoisonedMessage<T>(message.Receipt.MessageId, message.RawBody, message.Body, message.DequeueCount, reason);
    }

    public async Task DeleteAsync(StageReceipt receipt, CancellationToken cancellationToken)
    {
        CheckOwned(receipt);
        await _queue.DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt, cancellationToken);
    }

    public async Task AbandonAsync(StageReceipt receipt, CancellationToken cancellationToken)
    {
        CheckOwned(receipt);
        await _queue.UpdateMessageAsync(receipt.MessageId, receipt.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
    }

    public async Task<StageReceipt> ExtendAsync(StageReceipt receipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        CheckOwned(receipt);
        var updated = await _queue.UpdateMessageAsync(receipt.MessageId, receipt.PopReceipt, visibilityTimeout: visibilityTimeout, cancellationToken: cancellationToken);
        return receipt with { PopReceipt = updated.Value.PopReceipt };
    }

    /// <summary>
    /// Copy first, then delete: if the delete fails the message comes back and is poisoned again (a duplicate in the
    /// poison queue), which is better than losing it.
    /// </summary>
    private async Task MoveToPoisonAsync(string text, StageReceipt receipt, CancellationToken cancellationToken)
    {
        await _poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await _poison.SendMessageAsync(BinaryData.FromString(text), cancellationToken: cancellationToken);
        await _queue.DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt, cancellationToken);
    }

    /// <summary>The stored text as base64 of UTF-8 (what <see cref="SendAsync{T}"/> writes and the Functions host expects).</summary>
    private static (string? Text, string? Error) Decode(string stored)
    {
        const string Expected = "stage messages are base64-encoded JSON (as the Functions queue trigger reads them); send it with a base64-encoding client.";
        byte[] bytes;
        try
        {
            // The decoder skips white space, which our encoding never writes: text with spaces is plain text.
            bytes = stored.Any(char.IsWhiteSpace) ? throw new FormatException() : Convert.FromBase64String(stored);
        }
        catch (FormatException)
        {
            return (null, "The message is not base64 text: " + Expected);
        }
        try
        {
            return (StrictUtf8.GetString(bytes), null);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return (null, "The message is not base64 of UTF-8 text (it decodes to other bytes): " + Expected);
        }
    }

    private static (T? Body, string? Error) Parse<T>(string text)
        where T : class
    {
        try
        {
            var body = JsonSerializer.Deserialize<T>(text, LoadOpsJson.Compact);
            return body is null ? (null, $"The message is not a {typeof(T).Name}: it is null.") : (body, null);
        }
        catch (JsonException e)
        {
            // JsonException names the path and position, never the payload.
            return (null, $"The message is not a valid {typeof(T).Name}: {e.Message}");
        }
    }

    private void CheckOwned(StageReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        if (receipt.QueueName != Name)
            throw new ArgumentException($"The receipt belongs to queue {receipt.QueueName}, not {Name}.", nameof(receipt));
    }
}
