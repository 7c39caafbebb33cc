namespace LoadOps.Core.Results;

/// <summary>How a merge judges completeness.</summary>
public sealed record MergeOptions
{
    public static readonly MergeOptions Default = new();

    /// <summary>Shards the run was planned with; when fewer report, the merged result is <see cref="ResultStatus.Incomplete"/>.</summary>
    public int? ExpectedShards { get; init; }
}
