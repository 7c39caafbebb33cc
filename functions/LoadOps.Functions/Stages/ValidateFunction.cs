using LoadOps.Cloud.Pipeline;
using LoadOps.Core.Pipeline;

namespace LoadOps.Functions.Stages;

/// <summary>Queue trigger on <c>loadops-validate</c>: hands a <see cref="RunRequest"/> to the validate stage.</summary>
public sealed class ValidateFunction(PipelineStages stages) : QueueStageFunction<RunRequest>(stages.Sender)
{
    public override string Name => "validate";

    protected override Task<StageOutcome> HandleAsync(RunRequest message, CancellationToken cancellationToken) =>
        stages.Validate.HandleAsync(message, cancellationToken);
}
