using LoadOps.Core.Pipeline;
using LoadOps.Pipeline.Cost;
using LoadOps.Pipeline.Live;
using LoadOps.Pipeline.Publish;

namespace LoadOps.Pipeline;

/// <summary>Which stage queue carries which message, and which run a message is about.</summary>
public static class PipelineQueues
{
    public static string QueueOf(object message) => message switch
    {
        RunRequest => StageQueueNames.Validate,
        PlanRun => StageQueueNames.Plan,
        DispatchRun => StageQueueNames.Dispatch,
        ShardDone => StageQueueNames.Collect,
        EvaluateRun => StageQueueNames.Evaluate,
        ReportRun => StageQueueNames.Report,
        _ => throw new ArgumentException($"{message?.GetType().Name ?? "null"} is not a stage message.", nameof(message)),
    };

    /// <summary>The run a message is about; null for a run request, which comes before any run exists.</summary>
    public static string? RunIdOf(object? message) => message switch
    {
        PlanRun m => m.RunId,
        DispatchRun m => m.RunId,
        ShardDone m => m.RunId,
        EvaluateRun m => m.RunId,
        ReportRun m => m.RunId,
        _ => null,
    };
}
