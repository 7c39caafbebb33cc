using LoadOps.Core.Planning;

namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// Starts the runner of one shard somewhere (a local process, an ACI container group, an ECS task, a pool queue). The
/// runner reports by uploading its result and sending <c>ShardDone</c>; the launcher only starts it.
/// </summary>
public interface IShardLauncher
{
    Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken);
}
