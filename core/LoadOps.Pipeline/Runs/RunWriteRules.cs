namespace LoadOps.Pipeline;

/// <summary>
/// What one write to a run decides, the same in every <see cref="IRunRepository"/>: the record to store (null: write
/// nothing), the outcome and its message. The repositories only add the read-modify-write around it.
/// </summary>
public static class RunWriteRules
{
    /// <summary>A change of fields other than the status; one that touches the id or status is a programming error.</summary>
    public static (RunRecord? Next, TransitionOutcome Outcome, string Message) Update(RunRecord current, Func<RunRecord, RunRecord> change)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(change);
        var next = change(current);
        if (next.Status != current.Status || next.RunId != current.RunId)
            throw new InvalidOperationException("UpdateAsync cannot change a run's id or status; use TransitionAsync.");
        return (next == current ? null : next, TransitionOutcome.Moved, "");
    }

    /// <summary>A status move that <see cref="RunStatusRules"/> allows, with <paramref name="alsoChange"/> applied in the same write.</summary>
    public static (RunRecord? Next, TransitionOutcome Outcome, string Message) Transition(
        RunRecord current, RunStatus to, string? reason, Func<RunRecord, RunRecord>? alsoChange)
    {
        ArgumentNullException.ThrowIfNull(current);
        var runId = current.RunId;
        if (current.Status == to)
            return (null, TransitionOutcome.AlreadyThere, $"Run {runId} is already {to}.");
        if (!RunStatusRules.CanMove(current.Status, to))
            return (null, TransitionOutcome.Illegal, $"Run {runId} cannot move from {current.Status} to {to}.");

        var next = (alsoChange?.Invoke(current) ?? current) with { Status = to, StatusReason = reason };
        return (next, TransitionOutcome.Moved, $"Run {runId} moved from {current.Status} to {to}.");
    }
}
