using LoadOps.Pipeline;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LoadOps.Functions.Stages;

/// <summary>
/// Timer trigger (every minute): starts the registered schedules that fell due, each tick exactly once. The timer's
/// own schedule status only informs; the window comes from the last claimed tick of each schedule.
/// </summary>
public sealed partial class ScheduleFunction(PipelineStages stages, TimeProvider clock, ILogger<ScheduleFunction> logger)
{
    public const string Name = "schedule";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedules.Schedule, UseMonitor = true)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var outcome = await stages.Schedule.TickAsync(clock.GetUtcNow(), cancellationToken);
        await stages.Sender.SendAsync(outcome, cancellationToken);
        LogTick(logger, outcome.Note);
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "schedule: {Note}")]
    private static partial void LogTick(ILogger logger, string note);
}
