using LoadOps.Core.Pipeline;

namespace LoadOps.Pipeline;

/// <summary>A stage message that was given up (poisoned) fails the run it was about, saying which stage and why.</summary>
public sealed class PoisonedRuns(IRunRepository runs, FailedRuns? failedRuns = null)
{
    /// <summary>Returns what happened, for the log; a message without a run (a run request) only gets noted.</summary>
    public async Task<string> FailAsync<T>(string stageQueueName, PoisonedMessage<T> poisoned, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(poisoned);
        if (poisoned.Body is RunRequest { TestName: { Length: > 0 } test } request)
        {
            // Someone may be polling this test's derived run id (loadops gate): give them a failed run, not silence.
            var requested = ValidateStage.RunOf(request, test, definitionHash: "");
            await runs.CreateAsync(requested, cancellationToken);
            var failed = await runs.TransitionAsync(requested.RunId, RunStatus.Failed, $"The {stageQueueName} stage gave up on the request: {poisoned.Reason}", cancellationToken);
            return $"Run {requested.RunId}: {failed.Message}";
        }
        if (PipelineQueues.RunIdOf(poisoned.Body) is not { } runId)
            return $"A {stageQueueName} message ({poisoned.MessageId}) was moved to the poison queue: {poisoned.Reason}";
        var reason = $"The {stageQueueName} stage gave up on the run: {poisoned.Reason}";
        var note = failedRuns is null
            ? (await runs.TransitionAsync(runId, RunStatus.Failed, reason, cancellationToken)).Message
            : await failedRuns.FailAsync(runId, reason, cancellationToken);
        return $"Run {runId}: {note}";
    }
}
