using LoadOps.Pipeline;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LoadOps.Functions.Stages;

/// <summary>
/// Timer trigger (every 30 s): the check runs of runs under way are updated with their live figures
/// (<see cref="LiveProgressStage"/>: at most once per <c>LoadOps:Publish:CheckRunUpdateInterval</c> per run).
/// </summary>
public sealed partial class LiveFunction(PipelineStages stages, ILogger<LiveFunction> logger)
{
    public const string Name = "live";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedules.Live, UseMonitor = true)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        foreach (var note in await stages.Live.TickAsync(cancellationToken))
            LogLive(logger, note);
    }

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "live: {Note}")]
    private static partial void LogLive(ILogger logger, string note);
}
