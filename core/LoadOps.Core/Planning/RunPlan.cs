namespace LoadOps.Core.Planning;

/// <summary>A run split into shards that all start at <see cref="StartAt"/> and must report by <see cref="Deadline"/>.</summary>
public sealed record RunPlan(
    string RunId,
    DateTimeOffset StartAt,
    DateTimeOffset Deadline,
    IReadOnlyList<ShardSpec> Shards)
{
    /// <summary>Shards grouped by location, in the order the definition lists the locations.</summary>
    public IEnumerable<IGrouping<string, ShardSpec>> ByLocation => Shards.GroupBy(s => s.Location);
}
