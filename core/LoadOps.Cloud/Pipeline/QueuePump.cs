using Azure;
using LoadOps.Cloud.Storage;
using LoadOps.Cloud.Telemetry;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// Drives the stages from the stage queues, the way the Functions host's queue triggers do: receive, handle, send the
/// stage's next messages, delete. Received messages stay leased (hidden, renewed) until settled. A handler that throws
/// has its message hidden for a growing delay (<see cref="QueuePumpOptions.RetryDelayAfter"/>) and retried; its last
/// allowed attempt failing poisons it at once with that error as the reason, and a poisoned message fails its run.
/// </summary>
public sealed class QueuePump
{
    private readonly PipelineStages _stages;
    private readonly QueuePumpOptions _options;
    private readonly Action<string> _log;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, StageQueue> _queues;
    private readonly RoutePump _pumpRoute;

    public QueuePump(PipelineStages stages, StorageClients clients, Action<string> log, QueuePumpOptions? options = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(clients);
        _stages = stages;
        _log = log;
        _options = options ?? new QueuePumpOptions();
        _clock = clock ?? TimeProvider.System;
        _queues = StageQueueNames.Stages.ToDictionary(n => n, n => new StageQueue(clients, clients.Names.Queue(n), _options.MaxDequeueCount));
        _pumpRoute = new RoutePump(this);
    }

    /// <summary>Called after a run's report stage handled a message (e.g. to copy the reports to files).</summary>
    public Func<string, CancellationToken, Task>? AfterReport { get; init; }

    /// <summary>One round over every stage queue, in pipeline order; returns how many messages were handled or poisoned.</summary>
    public async Task<int> PumpOnceAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var route in _stages.Routes)
            count += await route.AcceptAsync(_pumpRoute, cancellationToken);
        return count;
    }

    /// <summary>The deadline sweep: marks missing shards of overdue runs and sends what their merge asks for.</summary>
    public async Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outcome = await _stages.Collect.SweepAsync(now, cancellationToken);
        await _stages.Sender.SendAsync(outcome, cancellationToken);
        if (outcome.Next.Count > 0)
            _log("sweep: " + outcome.Note);
    }

    /// <summary>Receives one batch of a route's queue, decoded as its message type, and settles each message.</summary>
    private async Task<int> PumpAsync<T>(StageRoute<T> route, CancellationToken cancellationToken)
        where T : class
    {
        var stage = route.Queue;
        var queue = _queues[stage];
        var batch = await queue.ReceiveAsync<T>(_options.BatchSize, _options.VisibilityTimeout, cancellationToken);
        foreach (var poisoned in batch.Poisoned)
            _log($"{stage}: poisoned: " + await _stages.Poisoned.FailAsync(stage, poisoned, cancellationToken));

        await using var leases = new StageLeases(queue, batch.Messages.Select(m => m.Receipt), _options.VisibilityTimeout, _clock, _log);
        foreach (var message in batch.Messages)
        {
            StageOutcome outcome;
            Exception? failure = null;
            using var activity = PipelineTracing.StartStage(stage, message.Body);
            try
            {
                outcome = await route.Handle(message.Body, cancellationToken);
                await _stages.Sender.SendAsync(outcome, cancellationToken);
                if (message.Body is ReportRun reported && AfterReport is { } after)
                    await after(reported.RunId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                outcome = StageOutcome.Done("");
                failure = e;
                PipelineTracing.Failed(activity, e);
            }

            if (await leases.TakeAsync(message.Receipt.MessageId, cancellationToken) is not { } receipt)
            {
                _log($"{stage}: message {message.Receipt.MessageId} was not settled: its lease was lost");
                continue;
            }
            try
            {
                if (failure is null)
                {
                    await queue.DeleteAsync(receipt, cancellationToken);
                    _log($"{stage}: {outcome.Note}");
                }
                else
                {
                    await SettleFailureAsync(stage, queue, message with { Receipt = receipt }, failure, cancellationToken);
                }
            }
            catch (RequestFailedException e) when (e.Status is 400 or 404)
            {
                // The lease ran out (a pause longer than it): the message is back and will be handled again, harmlessly.
                _log($"{stage}: message {message.Receipt.MessageId} could not be settled ({e.ErrorCode}); it will be delivered again");
            }
        }
        return batch.Messages.Count + batch.Poisoned.Count;
    }

    /// <summary>Retries later with back-off or, on the last allowed attempt, poisons now with the error as the reason.</summary>
    private async Task SettleFailureAsync<T>(string stage, StageQueue queue, StageMessage<T> message, Exception failure, CancellationToken cancellationToken)
        where T : class
    {
        var error = $"{failure.GetType().Name}: {failure.Message}";
        if (message.DequeueCount >= _options.MaxDequeueCount)
        {
            var reason = $"Gave up after {message.DequeueCount} attempts; the last failed with {error}";
            var poisoned = await queue.PoisonAsync(message, reason, cancellationToken);
            _log($"{stage}: poisoned: " + await _stages.Poisoned.FailAsync(stage, poisoned, cancellationToken));
            return;
        }
        var delay = _options.RetryDelayAfter(message.DequeueCount);
        _log($"{stage}: attempt {message.DequeueCount} of {_options.MaxDequeueCount} failed, retrying in {delay.TotalSeconds:0.#} s: {error}");
        await queue.ExtendAsync(message.Receipt, delay, cancellationToken);
    }

    /// <summary>Lets <see cref="StageRoute.AcceptAsync{TResult}"/> hand each route back with its message type.</summary>
    private sealed class RoutePump(QueuePump pump) : IStageRouteVisitor<int>
    {
        public Task<int> VisitAsync<T>(StageRoute<T> route, CancellationToken cancellationToken)
            where T : class => pump.PumpAsync(route, cancellationToken);
    }
}
