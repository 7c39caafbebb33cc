namespace LoadOps.Pipeline;

/// <summary>
/// A compact summary of one finished run, kept per test and branch so the evaluate stage can pick the last N runs as
/// a baseline without opening their result blobs (the blob is there for an exact comparison).
/// </summary>
public sealed record BaselineEntry
{
    public required string TestName { get; init; }
    public required string Branch { get; init; }
    public required string RunId { get; init; }
    public string? Commit { get; init; }

    /// <summary>When the run started; orders the entries.</summary>
    public required DateTimeOffset RunAt { get; init; }

    /// <summary>False when the result has trust issues (saturated runner, missing shards); such runs are poor baselines.</summary>
    public required bool Trustworthy { get; init; }

    /// <summary>Metric name (<c>p95</c>, <c>rps</c>, <c>errors</c>…) → value; latencies in milliseconds, errors as a fraction.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>Someone with write access accepted this run's level: the baseline starts here (see <c>BaselineSelector</c>).</summary>
    public bool Accepted { get; init; }

    /// <summary>Blob name of the merged result in the results container.</summary>
    public required string ResultBlobName { get; init; }
}
