using LoadOps.Cloud.Pipeline;
using LoadOps.Functions.Hosting;
using LoadOps.Functions.Protocol;

namespace LoadOps.Functions.Stages;

/// <summary>
/// Timer trigger (every minute): the deadline sweep (overdue runs: unreported shards missing, merge what there is),
/// then the runner sweep (delete container groups and stop tasks whose shard or run has ended).
/// </summary>
public sealed class SweepFunction(PipelineStages stages, TimeProvider clock) : IFunction
{
    public string Name => "sweep";

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var deadlines = await stages.Collect.SweepAsync(clock.GetUtcNow(), cancellationToken);
        await stages.Sender.SendAsync(deadlines, cancellationToken);
        var runners = await stages.Runners.SweepAsync(cancellationToken);
        return new InvocationResponse { Logs = [deadlines.Note, runners.Note] };
    }
}
