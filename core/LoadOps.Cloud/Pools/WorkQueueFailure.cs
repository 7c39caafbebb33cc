namespace LoadOps.Cloud.Pools;

/// <summary>What went wrong with a work queue, in the terms an agent acts on.</summary>
public enum WorkQueueFailure
{
    /// <summary>Busy, throttled, unreachable or timed out: back off and try again.</summary>
    Transient,

    /// <summary>The item's lock expired or moved to another agent: do not settle it; it may run twice (results count once).</summary>
    LockLost,

    /// <summary>Refused for good: wrong or expired credentials, no such queue, a message too large. Fix the configuration.</summary>
    Refused,
}
