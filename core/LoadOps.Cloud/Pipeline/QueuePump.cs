using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;

namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// Drives the stages from the stage queues, the way the Functions host's queue triggers do: receive, handle, send the
/// stage's next messages, delete. A handler that throws makes its message visible again at once (it is retried and,
/// after <see cref="QueuePumpOptions.MaxDequeueCount"/> deliveries, poisoned); a poisoned message fails its run.
/// </summary>
public sealed class QueuePump
{
    private readonly PipelineStages _stages;
    private readonly QueuePumpOptions _options;
    private readonly Action<string> _log;
    private readonly Dictionary<string, StageQueue> _queues;

    public QueuePump(PipelineStages stages, StorageClients clients, Action<string> log, QueuePumpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(clients);
        _stages = stages;
        _log = log;
        _options = options ?? new QueuePumpOptions();
        _queues = StageQueueNames.Stages.ToDictionary(n => n, n => new StageQueue(clients, clients.Names.Queue(n), _options.MaxDequeueCount));
    }

    /// <summary>Called after a run's report stage handled a message (e.g. to copy the reports to files).</summary>
    public Func<string, CancellationToken, Task>? AfterReport { get; init; }

    /// <summary>One round over every stage queue; returns how many messages were handled or poisoned.</summary>
    public async Task<int> PumpOnceAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        count += await PumpAsync<RunRequest>(StageQueueNames.Validate, _stages.Validate.HandleAsync, cancellationToken);
        count += await PumpAsync<PlanRun>(StageQueueNames.Plan, _stages.Plan.HandleAsync, cancellationToken);
        count += await PumpAsync<DispatchRun>(StageQueueNames.Dispatch, _stages.Dispatch.HandleAsync, cancellationToken);
        count += await PumpAsync<ShardDone>(StageQueueNames.Collect, _stages.Collect.HandleAsync, cancellationToken);
        count += await PumpAsync<EvaluateRun>(StageQueueNames.Evaluate, _stages.Evaluate.HandleAsync, cancellationToken);
        count += await PumpAsync<ReportRun>(StageQueueNames.Report, ReportAsync, cancellationToken);
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

    private async Task<StageOutcome> ReportAsync(ReportRun message, CancellationToken cancellationToken)
    {
        var outcome = await _stages.Report.HandleAsync(message, cancellationToken);
        if (AfterReport is { } after)
            await after(message.RunId, cancellationToken);
        return outcome;
    }

    private async Task<int> PumpAsync<T>(string stage, Func<T, CancellationToken, Task<StageOutcome>> handle, CancellationToken cancellationToken)
        where T : class
    {
        var queue = _queues[stage];
        var batch = await queue.ReceiveAsync<T>(_options.BatchSize, _options.VisibilityTimeout, cancellationToken);
        foreach (var poisoned in batch.Poisoned)
            _log($"{stage}: poisoned: " + await _stages.Poisoned.FailAsync(stage, poisoned, cancellationToken));

        foreach (var message in batch.Messages)
        {
            StageOutcome outcome;
            try
            {
                outcome = await handle(message.Body, cancellationToken);
                await _stages.Sender.SendAsync(outcome, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _log($"{stage}: attempt {message.DequeueCount} failed, will retry: {e.GetType().Name}: {e.Message}");
                await queue.AbandonAsync(message.Receipt, cancellationToken);
                continue;
            }
            await queue.DeleteAsync(message.Receipt, cancellationToken);
            _log($"{stage}: {outcome.Note}");
        }
        return batch.Messages.Count + batch.Poisoned.Count;
    }
}
