namespace LoadOps.Core.Results;

/// <summary>Request counts of a summary. <see cref="Dropped"/> and <see cref="Scheduled"/> come from runner health, so they exist for the whole run only.</summary>
public sealed record RequestTotals(long Ok, FailureCounts Failed, long Dropped = 0, long Scheduled = 0)
{
    /// <summary>Requests that finished, whatever the outcome.</summary>
    public long Total => Ok + Failed.Total;

    /// <summary>Iterations that ended, from runner health (whole run only, like <see cref="Dropped"/>).</summary>
    public long Iterations { get; init; }
}
