namespace LoadOps.Pipeline;

/// <summary>
/// The run state machine:
/// <code>
/// queued → awaiting-approval → validating (a fork's pull request, once approved)
/// queued → validating → dispatched → running → collecting → evaluating → reported
///                            └───────────────────┘ (shortcut: all shards finished before any was seen running)
/// any non-terminal state → failed | timed-out
/// </code>
/// <c>reported</c>, <c>failed</c> and <c>timed-out</c> are terminal.
/// </summary>
public static class RunStatusRules
{
    public static bool IsTerminal(RunStatus status) =>
        status is RunStatus.Reported or RunStatus.Failed or RunStatus.TimedOut;

    public static bool CanMove(RunStatus from, RunStatus to)
    {
        if (IsTerminal(from) || from == to)
            return false;
        if (to is RunStatus.Failed or RunStatus.TimedOut)
            return true;

        return (from, to) switch
        {
            (RunStatus.Queued, RunStatus.Validating) => true,
            (RunStatus.Queued, RunStatus.AwaitingApproval) => true,
            (RunStatus.AwaitingApproval, RunStatus.Validating) => true,
            (RunStatus.Validating, RunStatus.Dispatched) => true,
            (RunStatus.Dispatched, RunStatus.Running) => true,
            (RunStatus.Dispatched, RunStatus.Collecting) => true,
            (RunStatus.Running, RunStatus.Collecting) => true,
            (RunStatus.Collecting, RunStatus.Evaluating) => true,
            (RunStatus.Evaluating, RunStatus.Reported) => true,
            _ => false,
        };
    }
}
