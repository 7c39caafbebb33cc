using LoadOps.Cloud.Pipeline;
using LoadOps.Functions.Hosting;
using LoadOps.Functions.Protocol;

namespace LoadOps.Functions.Stages;

/// <summary>
/// Timer trigger (every minute): starts the registered schedules that fell due, each tick exactly once. The timer's
/// own payload only informs; the window comes from the last claimed tick of each schedule.
/// </summary>
public sealed class ScheduleFunction(PipelineStages stages, TimeProvider clock) : IFunction
{
    public string Name => "schedule";

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await stages.Schedule.TickAsync(clock.GetUtcNow(), cancellationToken);
        await stages.Sender.SendAsync(outcome, cancellationToken);
        return new InvocationResponse { Logs = [outcome.Note] };
    }
}
