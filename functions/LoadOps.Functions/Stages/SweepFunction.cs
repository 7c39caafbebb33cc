using LoadOps.Pipeline;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LoadOps.Functions.Stages;

/// <summary>
/// Timer trigger (every minute): the deadline sweep (overdue runs: unreported shards missing, merge what there is),
/// then the runner sweep (delete container groups and stop tasks whose shard or run has ended; a run whose last
/// outstanding runner failed is merged then).
/// </summary>
public sealed partial class SweepFunction(PipelineStages stages, TimeProvider clock, ILogger<SweepFunction> logger)
{
    public const string Name = "sweep";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedules.Sweep, UseMonitor = true)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var deadlines = await stages.Collect.SweepAsync(clock.GetUtcNow(), cancellationToken);
        await stages.Sender.SendAsync(deadlines, cancellationToken);
        var runners = await stages.Runners.SweepAsync(cancellationToken);
        await stages.Sender.SendAsync(runners, cancellationToken);
        LogSweep(logger, deadlines.Note, runners.Note);
    }

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "sweep: {Deadlines}; {Runners}")]
    private static partial void LogSweep(ILogger logger, string deadlines, string runners);
}
