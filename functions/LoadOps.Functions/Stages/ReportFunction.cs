using LoadOps.Cloud.Pipeline;
using LoadOps.Core.Pipeline;

namespace LoadOps.Functions.Stages;

/// <summary>Queue trigger on <c>loadops-report</c>: hands a <see cref="ReportRun"/> to the report stage.</summary>
public sealed class ReportFunction(PipelineStages stages) : QueueStageFunction<ReportRun>(stages.Sender)
{
    public override string Name => "report";

    protected override Task<StageOutcome> HandleAsync(ReportRun message, CancellationToken cancellationToken) =>
        stages.Report.HandleAsync(message, cancellationToken);
}
