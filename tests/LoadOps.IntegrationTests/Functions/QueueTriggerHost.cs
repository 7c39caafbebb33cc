using Azure.Storage.Queues.Models;
using Azure;
using LoadOps.Cloud.Storage;
using LoadOps.Functions.Tests.Metadata;
using LoadOps.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace LoadOps.IntegrationTests.Functions;

/// <summary>
/// Plays the Functions host's queue listener, as functions.metadata and host.json describe it: reads each queueTrigger's
/// queue (with the test's name prefix, the isolation on the shared Azurite), base64-decoded like host.json's
/// messageEncoding, calls the entry point on a function class the worker would build, deletes the message on success;
/// on failure makes it visible again or, on delivery maxDequeueCount, moves it to <c>{queue}-poison</c>. The real host
/// waits visibilityTimeout before a retry; this one retries at once so a poisoned message takes seconds, not minutes.
/// Like the host's queue extension it leaves a message alone whose pop receipt changed (the function set its own
/// back-off delay).
/// </summary>
internal sealed class QueueTriggerHost(IServiceProvider services, StorageClients clients, IReadOnlyList<FunctionEntry> functions)
{
    private readonly int _maxDequeueCount = FunctionsMetadata.MaxDequeueCount();
    private readonly List<string> _log = [];

    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_log)
                return [.. _log];
        }
    }

    /// <summary>One pass over every queue-triggered function; returns how many messages were delivered.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var function in functions.Where(f => f.TriggerType == "queueTrigger"))
        {
            var queue = clients.Queues.GetQueueClient(clients.Names.Queue((string)function.Trigger["queueName"]!));
            foreach (var message in (await queue.ReceiveMessagesAsync(8, TimeSpan.FromMinutes(1), cancellationToken)).Value)
            {
                delivered++;
                await DeliverAsync(function, queue, message, cancellationToken);
            }
        }
        return delivered;
    }

    private async Task DeliverAsync(FunctionEntry function, Azure.Storage.Queues.QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        var (type, method) = function.Resolve();
        using var scope = services.CreateScope();
        try
        {
            await (Task)method.Invoke(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type), [message, cancellationToken])!;
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            Note($"{function.Name}: done");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Note($"{function.Name}: delivery {message.DequeueCount} failed: {e.Message}");
            if (message.DequeueCount < _maxDequeueCount)
            {
                try
                {
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
                }
                catch (RequestFailedException release) when (release.Status == 400 && release.ErrorCode == "PopReceiptMismatch")
                {
                    Note($"{function.Name}: delivery {message.DequeueCount} released by the function itself");
                }
                return;
            }
            var poison = clients.Queues.GetQueueClient(StageQueueNames.PoisonOf(queue.Name));
            await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
    }

    private void Note(string line)
    {
        lock (_log)
            _log.Add(line);
    }
}
