namespace LoadOps.Pipeline;

/// <summary>The outcome of <see cref="IRunRepository.TransitionAsync"/> and the run as stored afterwards (null when not found).</summary>
public sealed record RunTransitionResult(TransitionOutcome Outcome, RunRecord? Run, string Message)
{
    public bool Moved => Outcome == TransitionOutcome.Moved;
}
