namespace LoadOps.Pipeline;

/// <summary>What a "shard done" message did.</summary>
public enum ShardDoneOutcome
{
    /// <summary>This call moved the shard to done.</summary>
    Marked,

    /// <summary>The shard was already done (a duplicate message); nothing was counted twice.</summary>
    AlreadyDone,

    /// <summary>The shard had already been given up (missing after the deadline, or failed); its late result is ignored.</summary>
    TooLate,

    /// <summary>No such shard (or run).</summary>
    NotFound,
}
