namespace LoadOps.Cloud.Storage;

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
}
