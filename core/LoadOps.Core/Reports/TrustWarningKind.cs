namespace LoadOps.Core.Reports;

/// <summary>Why a result may not be believed.</summary>
public enum TrustWarningKind
{
    /// <summary>A shard's numbers are suspect (runner saturated, schedule lag, clock skew).</summary>
    UntrustworthyShard,

    /// <summary>The run stopped early; the numbers cover only what ran.</summary>
    Partial,

    /// <summary>Some shards never reported.</summary>
    Incomplete,

    /// <summary>Latencies rebuilt from another tool's percentiles, not measured samples (<see cref="Results.ResultFile.Approximation"/>).</summary>
    Approximate,

    /// <summary>Arrivals that were due but never sent (open model): the target did not get the asked load.</summary>
    Dropped,
}
