using LoadOps.Cloud.Pipeline;
using LoadOps.Core.Pipeline;

namespace LoadOps.Functions.Stages;

/// <summary>Queue trigger on <c>loadops-collect</c>: hands a <see cref="ShardDone"/> to the collect stage.</summary>
public sealed class CollectFunction(PipelineStages stages) : QueueStageFunction<ShardDone>(stages.Sender)
{
    public override string Name => "collect";

    protected override Task<StageOutcome> HandleAsync(ShardDone message, CancellationToken cancellationToken) =>
        stages.Collect.HandleAsync(message, cancellationToken);
}
