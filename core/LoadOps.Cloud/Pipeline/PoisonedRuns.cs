using LoadOps.Cloud.Storage;

namespace LoadOps.Cloud.Pipeline;

/// <summary>A stage message that was given up (poisoned) fails the run it was about, saying which stage and why.</summary>
public sealed class PoisonedRuns(RunStore runs)
{
    /// <summary>Returns what happened, for the log; a message without a run (a run request) only gets noted.</summary>
    public async Task<string> FailAsync<T>(string stageQueueName, PoisonedMessage<T> poisoned, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(poisoned);
        if (PipelineQueues.RunIdOf(poisoned.Body) is not { } runId)
            return $"A {stageQueueName} message ({poisoned.MessageId}) was moved to the poison queue: {poisoned.Reason}";
        var failed = await runs.TransitionAsync(runId, RunStatus.Failed, $"The {stageQueueName} stage gave up on the run: {poisoned.Reason}", cancellationToken);
        return $"Run {runId}: {failed.Message}";
    }
}
