using LoadOps.Core.Pipeline;

namespace LoadOps.Pipeline;

/// <summary>
/// Which stage queue carries which message type: the one table the senders (<see cref="IStageBus"/>), the queue pump
/// and the routes of <see cref="PipelineStages"/> all read, so a message can never be sent where no stage listens.
/// </summary>
public static class PipelineQueues
{
    private static readonly Dictionary<Type, string> QueueOfType = new()
    {
        [typeof(RunRequest)] = StageQueueNames.Validate,
        [typeof(PlanRun)] = StageQueueNames.Plan,
        [typeof(DispatchRun)] = StageQueueNames.Dispatch,
        [typeof(ShardDone)] = StageQueueNames.Collect,
        [typeof(EvaluateRun)] = StageQueueNames.Evaluate,
        [typeof(ReportRun)] = StageQueueNames.Report,
    };

    /// <summary>Every stage message type, each with its queue.</summary>
    public static IReadOnlyDictionary<Type, string> Queues => QueueOfType;

    public static string QueueOf(object message) =>
        message is not null && QueueOfType.TryGetValue(message.GetType(), out var queue)
            ? queue
            : throw new ArgumentException($"{message?.GetType().Name ?? "null"} is not a stage message.", nameof(message));

    /// <summary>The queue of message type <typeparamref name="T"/>.</summary>
    public static string QueueOf<T>() =>
        QueueOfType.TryGetValue(typeof(T), out var queue) ? queue : throw new ArgumentException($"{typeof(T).Name} is not a stage message.");

    /// <summary>The run a message is about; null for a run request, which comes before any run exists.</summary>
    public static string? RunIdOf(object? message) => (message as IRunMessage)?.RunId;
}
