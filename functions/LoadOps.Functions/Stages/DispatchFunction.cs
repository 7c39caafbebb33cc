using LoadOps.Cloud.Pipeline;
using LoadOps.Core.Pipeline;

namespace LoadOps.Functions.Stages;

/// <summary>Queue trigger on <c>loadops-dispatch</c>: hands a <see cref="DispatchRun"/> to the dispatch stage.</summary>
public sealed class DispatchFunction(PipelineStages stages) : QueueStageFunction<DispatchRun>(stages.Sender)
{
    public override string Name => "dispatch";

    protected override Task<StageOutcome> HandleAsync(DispatchRun message, CancellationToken cancellationToken) =>
        stages.Dispatch.HandleAsync(message, cancellationToken);
}
