using LoadOps.Cloud.Pipeline;
using LoadOps.Core.Pipeline;

namespace LoadOps.Functions.Stages;

/// <summary>Queue trigger on <c>loadops-plan</c>: hands a <see cref="PlanRun"/> to the plan stage.</summary>
public sealed class PlanFunction(PipelineStages stages) : QueueStageFunction<PlanRun>(stages.Sender)
{
    public override string Name => "plan";

    protected override Task<StageOutcome> HandleAsync(PlanRun message, CancellationToken cancellationToken) =>
        stages.Plan.HandleAsync(message, cancellationToken);
}
