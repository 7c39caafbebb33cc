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
