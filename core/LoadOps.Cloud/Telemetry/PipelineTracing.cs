using System.Diagnostics;
using LoadOps.Core.Pipeline;

namespace LoadOps.Cloud.Telemetry;

/// <summary>
/// The pipeline's traces: one activity per stage message handled, tagged with the stage and the run it belongs to.
/// Without a listener (no OTLP endpoint) <see cref="StartStage{T}"/> returns null and costs next to nothing.
/// </summary>
public static class PipelineTracing
{
    public const string SourceName = "LoadOps.Pipeline";

    public const string StageTag = "loadops.stage";
    public const string RunTag = "loadops.run";
    public const string RequestTag = "loadops.request";
    public const string ShardTag = "loadops.shard";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the activity of one stage message; dispose it when the message is handled.</summary>
    public static Activity? StartStage<T>(string stage, T message)
        where T : class
    {
        var activity = Source.StartActivity(stage, ActivityKind.Consumer);
        if (activity is null)
            return null;
        activity.SetTag(StageTag, stage);
        switch (message)
        {
            case RunRequest request:
                activity.SetTag(RequestTag, request.RequestId);
                break;
            case ShardDone done:
                activity.SetTag(RunTag, done.RunId);
                activity.SetTag(ShardTag, done.ShardId);
                break;
            case PlanRun plan:
                activity.SetTag(RunTag, plan.RunId);
                break;
            case DispatchRun dispatch:
                activity.SetTag(RunTag, dispatch.RunId);
                break;
            case EvaluateRun evaluate:
                activity.SetTag(RunTag, evaluate.RunId);
                break;
            case ReportRun report:
                activity.SetTag(RunTag, report.RunId);
                break;
        }
        return activity;
    }

    /// <summary>Marks the stage's activity failed with the exception's type only: a message could carry a secret.</summary>
    public static void Failed(Activity? activity, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        activity?.SetStatus(ActivityStatusCode.Error, failure.GetType().Name);
    }
}
