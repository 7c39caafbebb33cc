using LoadOps.Core.Planning;

namespace LoadOps.Core.Results;

/// <summary>The result file of one shard before any data: the run's identity, the shard's place and its one-shard list.</summary>
public static class ShardResultFile
{
    public static ResultFile Header(ShardSpec spec, DateTimeOffset start, DateTimeOffset end, ResultStatus status)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new ResultFile
        {
            RunId = spec.RunId,
            ShardId = spec.ShardId,
            Definition = spec.Definition.Name,
            DefinitionHash = spec.DefinitionHash,
            Commit = spec.Commit,
            Branch = spec.Branch,
            Location = spec.Location,
            Start = start,
            End = end,
            Interval = spec.Interval,
            Status = status,
            Steps = [],
            Shards = [new ShardInfo(spec.ShardId, spec.ShardIndex, spec.Location, status)],
        };
    }
}
