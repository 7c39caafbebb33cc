namespace LoadOps.Pipeline;

/// <summary>Where a run is in the pipeline; see <see cref="RunStatusRules"/> for the allowed moves.</summary>
public enum RunStatus
{
    Queued,
    Validating,
    Dispatched,
    Running,
    Collecting,
    Evaluating,
    Reported,
    Failed,
    TimedOut,

    /// <summary>A pull request from a fork: validated, and waiting for a maintainer with write access to approve it.</summary>
    AwaitingApproval,
}
