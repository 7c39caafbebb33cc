namespace LoadOps.Pipeline;

/// <summary>
/// Where a run's files live, the same in every store: <c>runs/{runId}/shards/{shardId}.json</c> (shard results),
/// <c>runs/{runId}/interim/{shardId}.json</c> (a running shard's latest snapshot), <c>runs/{runId}/result.json</c>
/// (merged), <c>runs/{runId}/plan.json</c>, <c>runs/{runId}/evaluation.json</c> and <c>runs/{runId}/{file}</c> for
/// reports. A shard's upload grant is for exactly its own name, which is how collect tells a forged report.
/// </summary>
public static class ArtifactNames
{
    public static string ShardBlobName(string runId, string shardId) => $"{RunFolder(runId)}shards/{Segment(shardId, nameof(shardId))}.json";

    /// <summary>
    /// A shard's interim snapshot, apart from its result: collect trusts a ShardDone only once the result exists, so a
    /// snapshot written there would let a report through early, and could overwrite the final result.
    /// </summary>
    public static string InterimBlobName(string runId, string shardId) => $"{RunFolder(runId)}interim/{Segment(shardId, nameof(shardId))}.json";

    public static string MergedBlobName(string runId) => $"{RunFolder(runId)}result.json";

    public static string ReportBlobName(string runId, string fileName) => RunFolder(runId) + Segment(fileName, nameof(fileName));

    public static string PlanBlobName(string runId) => $"{RunFolder(runId)}plan.json";

    public static string EvaluationBlobName(string runId) => $"{RunFolder(runId)}evaluation.json";

    public static string ShardsFolder(string runId) => $"{RunFolder(runId)}shards/";

    public static string InterimFolder(string runId) => $"{RunFolder(runId)}interim/";

    private static string RunFolder(string runId) => $"runs/{Segment(runId, nameof(runId))}/";

    /// <summary>Ids become path segments, so a slash or a dot-dot would let one run write into another's folder.</summary>
    private static string Segment(string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, paramName);
        if (value.Contains('/', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal) || value is "." or ".." ||
            value.Any(char.IsControl))
            throw new ArgumentException($"'{value}' cannot be used in a blob name (no slashes, control characters or dot segments).", paramName);
        return value;
    }
}
