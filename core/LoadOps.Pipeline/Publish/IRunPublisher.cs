using LoadOps.Core.Pipeline;
using LoadOps.Core.Validation;
using LoadOps.Pipeline.Live;

namespace LoadOps.Pipeline.Publish;

/// <summary>
/// Where the pipeline tells the outside world about a run: GitHub check runs, the sticky PR comment, commit statuses,
/// Slack. A publisher never throws for an outside failure (only on cancellation): Slack or GitHub being down must not
/// fail a run, so problems come back in the <see cref="PublishResult"/> for the stage to record. Every call is
/// idempotent: a redelivered stage message finds what the first delivery posted and updates it.
/// </summary>
public interface IRunPublisher
{
    /// <summary>Validation of a request found errors: the <c>loadops/validate</c> check run with line annotations.</summary>
    Task<PublishResult> ValidationFailedAsync(RunRequest request, IReadOnlyList<DefinitionError> problems, CancellationToken cancellationToken);

    /// <summary>The run's shards were launched: its <c>loadops/&lt;test&gt;</c> check run, in progress.</summary>
    Task<PublishResult> DispatchedAsync(RunRecord run, CancellationToken cancellationToken);

    /// <summary>The run has its verdict: check run completed, PR comment, commit status, Slack.</summary>
    Task<PublishResult> ReportedAsync(RunReport report, CancellationToken cancellationToken);

    /// <summary>The run failed after it was dispatched (no result, poisoned message): its check run must not stay in progress.</summary>
    Task<PublishResult> FailedAsync(RunRecord run, CancellationToken cancellationToken);

    /// <summary>
    /// While the run is under way: its <c>loadops/&lt;test&gt;</c> check run, still in progress, shows the live figures.
    /// Publishers with nothing live to show (Slack) keep this default.
    /// </summary>
    Task<ProgressResult> ProgressAsync(RunRecord run, LiveFigures live, CancellationToken cancellationToken) => Task.FromResult(ProgressResult.Nothing);
}
