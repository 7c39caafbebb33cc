namespace LoadOps.Cloud.Storage;

/// <summary>The outcome of <see cref="RunStore.TransitionAsync"/> and the run as stored afterwards (null when not found).</summary>
public sealed record RunTransitionResult(TransitionOutcome Outcome, RunRecord? Run, string Message)
{
    public bool Moved => Outcome == TransitionOutcome.Moved;
}
