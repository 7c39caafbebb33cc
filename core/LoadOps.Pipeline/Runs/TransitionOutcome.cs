namespace LoadOps.Pipeline;

/// <summary>What a status change did.</summary>
public enum TransitionOutcome
{
    /// <summary>The run moved to the requested status.</summary>
    Moved,

    /// <summary>The run already had the requested status (a duplicate message); nothing was written.</summary>
    AlreadyThere,

    /// <summary>The state machine does not allow the move from the run's current status; nothing was written.</summary>
    Illegal,

    /// <summary>No run with that id.</summary>
    NotFound,
}
