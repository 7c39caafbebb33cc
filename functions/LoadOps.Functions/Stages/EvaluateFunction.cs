using LoadOps.Cloud.Pipeline;
using LoadOps.Core.Pipeline;

namespace LoadOps.Functions.Stages;

/// <summary>Queue trigger on <c>loadops-evaluate</c>: hands a <see cref="EvaluateRun"/> to the evaluate stage.</summary>
public sealed class EvaluateFunction(PipelineStages stages) : QueueStageFunction<EvaluateRun>(stages.Sender)
{
    public override string Name => "evaluate";

    protected override Task<StageOutcome> HandleAsync(EvaluateRun message, CancellationToken cancellationToken) =>
        stages.Evaluate.HandleAsync(message, cancellationToken);
}
