using LoadOps.Core.Planning;

namespace LoadOps.Pipeline;

/// <summary>
/// Starts the runner of one shard somewhere (a local process, an ACI container group, an ECS task, a pool queue). The
/// runner reports by uploading its result and sending <c>ShardDone</c>; the launcher only starts it.
/// </summary>
public interface IShardLauncher
{
    Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken);

    /// <summary>
    /// Starts several shards, answering one launch per spec in the same order. Launchers that can start runners in
    /// batches (ECS starts up to ten tasks per call) override this; the default starts them one by one.
    /// </summary>
    async Task<IReadOnlyList<ShardLaunch>> LaunchAllAsync(IReadOnlyList<ShardSpec> specs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var launches = new List<ShardLaunch>(specs.Count);
        foreach (var spec in specs)
            launches.Add(await LaunchAsync(spec, cancellationToken));
        return launches;
    }
}
