using LoadOps.Pipeline.Cost;
using LoadOps.Pipeline.Live;
using LoadOps.Pipeline.Publish;

namespace LoadOps.Pipeline;

/// <summary>Where one shard is: pending → launched → running → done, or missing (deadline passed) or failed.</summary>
public enum ShardStatus
{
    Pending,
    Launched,
    Running,
    Done,
    Missing,
    Failed,
}
