using Azure.Storage.Queues.Models;
using Azure;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Cloud.Telemetry;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoadOps.Functions.Stages;

/// <summary>
/// One delivery of a stage message: decode the JSON (the host has already undone the base64 of host.json's
/// <c>messageEncoding</c>), call the stage, send its next messages. A message that fails or cannot be decoded throws, so
/// the host retries it; on its last delivery (<see cref="StageDelivery.MaxDequeueCount"/>) its run is failed first,
/// with the cause, and the host then moves it to the poison queue.
/// Before throwing, a delivery that is not the last hides its message for the growing delay of
/// <see cref="QueuePumpOptions.RetryDelayAfter"/>, as serve does: host.json's visibilityTimeout is one fixed wait. The
/// host's own release then meets a new pop receipt, which its queue extension takes as "someone else has the message".
/// </summary>
public sealed partial class StageInvocation(PipelineStages stages, StorageClients clients, IOptions<QueuePumpOptions> retry, ILogger<StageInvocation> logger)
{
    /// <summary>
    /// Handles one delivery from <paramref name="stageQueueName"/>, the queue its trigger names: the route listening on
    /// that queue decodes and handles it, so a function cannot hand its messages to another stage.
    /// </summary>
    public Task RunAsync(string stageQueueName, QueueMessage message, CancellationToken cancellationToken) =>
        stages.RouteOf(stageQueueName).AcceptAsync(new Delivery(this, message), cancellationToken);

    private async Task<bool> RunAsync<T>(StageRoute<T> route, QueueMessage message, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(message);
        var stageQueueName = route.Queue;
        var text = message.Body?.ToString();
        var (body, problem) = StageDelivery.Read<T>(text);
        if (body is null)
        {
            await GiveUpIfLastAsync(stageQueueName, message, text, body, problem!, cancellationToken);
            await BackOffAsync(stageQueueName, message, cancellationToken);
            throw new StageMessageException($"{stageQueueName}: {problem}");
        }

        StageOutcome outcome;
        using var activity = PipelineTracing.StartStage(stageQueueName, body);
        try
        {
            outcome = await route.Handle(body, cancellationToken);
            await stages.Sender.SendAsync(outcome, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            PipelineTracing.Failed(activity, e);
            LogAttemptFailed(logger, stageQueueName, message.DequeueCount, e.GetType().Name, e.Message);
            await GiveUpIfLastAsync(stageQueueName, message, text, body, $"{e.GetType().Name}: {e.Message}", cancellationToken);
            await BackOffAsync(stageQueueName, message, cancellationToken);
            throw;
        }
        LogHandled(logger, stageQueueName, outcome.Note);
        return true;
    }

    /// <summary>Hands the delivery back to <see cref="RunAsync{T}"/> typed by the route's message.</summary>
    private sealed class Delivery(StageInvocation invocation, QueueMessage message) : IStageRouteVisitor<bool>
    {
        public Task<bool> VisitAsync<T>(StageRoute<T> route, CancellationToken cancellationToken)
            where T : class => invocation.RunAsync(route, message, cancellationToken);
    }

    private async Task GiveUpIfLastAsync<T>(string stageQueueName, QueueMessage message, string? text, T? body, string reason, CancellationToken cancellationToken)
        where T : class
    {
        if (!StageDelivery.IsLast(message.DequeueCount))
            return;
        var poisoned = new PoisonedMessage<T>(message.MessageId, text ?? "", body, message.DequeueCount,
            $"gave up after {message.DequeueCount} deliveries; last error: {reason}");
        LogGivenUp(logger, stageQueueName, await stages.Poisoned.FailAsync(stageQueueName, poisoned, cancellationToken));
    }

    /// <summary>Hides a message that will be retried for its back-off delay; a message already taken over is left alone.</summary>
    private async Task BackOffAsync(string stageQueueName, QueueMessage message, CancellationToken cancellationToken)
    {
        if (StageDelivery.IsLast(message.DequeueCount) || string.IsNullOrEmpty(message.PopReceipt))
            return;
        var delay = retry.Value.RetryDelayAfter(Math.Max(1, message.DequeueCount));
        try
        {
            var queue = clients.Queues.GetQueueClient(clients.Names.Queue(stageQueueName));
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken);
            LogBackOff(logger, stageQueueName, message.DequeueCount, delay.TotalSeconds);
        }
        catch (RequestFailedException e) when (e.Status is 400 or 404)
        {
            // Lease lost or message gone: the host's own retry (host.json visibilityTimeout) still applies.
            LogBackOffMissed(logger, stageQueueName, e.ErrorCode ?? e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [LoggerMessage(EventId = 1404, Level = LogLevel.Information, Message = "{Stage}: delivery {DequeueCount} is retried in {Seconds} s")]
    private static partial void LogBackOff(ILogger logger, string stage, long dequeueCount, double seconds);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "{Stage}: the retry delay could not be set ({Code}); the host's visibilityTimeout applies")]
    private static partial void LogBackOffMissed(ILogger logger, string stage, string code);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "{Stage}: {Note}")]
    private static partial void LogHandled(ILogger logger, string stage, string note);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "{Stage}: delivery {DequeueCount} failed: {Error}: {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, string stage, long dequeueCount, string error, string reason);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Error, Message = "{Stage}: last delivery failed, message goes to the poison queue: {Note}")]
    private static partial void LogGivenUp(ILogger logger, string stage, string note);
}
