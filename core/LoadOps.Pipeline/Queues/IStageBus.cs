using LoadOps.Core.Pipeline;

namespace LoadOps.Pipeline;

/// <summary>
/// Sends stage messages, each onto the queue of the stage that handles it (<see cref="PipelineQueues.QueueOf"/>).
/// Implemented on Azure Storage Queues (<c>LoadOps.Cloud.Pipeline.StageSender</c>) and in memory
/// (<see cref="Memory.InMemoryStageBus"/>).
/// </summary>
public interface IStageBus
{
    Task SendAsync(object message, CancellationToken cancellationToken);

    /// <summary>Sends the messages a stage asked for next, in order.</summary>
    async Task SendAsync(StageOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        foreach (var message in outcome.Next)
            await SendAsync(message, cancellationToken);
    }
}
