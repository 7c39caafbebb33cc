using LoadOps.Pipeline.Live;
using LoadOps.Pipeline.Publish;

namespace LoadOps.Pipeline;

/// <summary>Fails a run and, when this call moved it, tells the publisher, so its check run does not stay in progress.</summary>
public sealed class FailedRuns(IRunRepository runs, IRunPublisher? publisher)
{
    /// <summary>Returns a note for the stage log: what the store did and, when the run moved, what was published.</summary>
    public async Task<string> FailAsync(string runId, string reason, CancellationToken cancellationToken)
    {
        var failed = await runs.TransitionAsync(runId, RunStatus.Failed, reason, cancellationToken);
        if (!failed.Moved || failed.Run is null || publisher is null)
            return failed.Message;
        return $"{failed.Message}; {await publisher.FailedAsync(failed.Run, cancellationToken)}";
    }
}
