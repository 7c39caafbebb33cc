using LoadOps.Cloud.Pipeline;
using LoadOps.Core.Planning;

namespace LoadOps.Functions.Storage;

/// <summary>
/// The Functions app has no launcher wired yet (ACI, ECS and pool queues are not connected to dispatch): every shard is
/// refused with that reason, so the run fails saying so instead of waiting for its deadline.
/// </summary>
internal sealed class UnavailableShardLauncher : IShardLauncher
{
    public Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Task.FromResult(ShardLaunch.Refused(
            $"no launcher for location '{spec.Location}' in the Functions app yet (ACI, ECS and pool dispatch are not wired); use `loadops serve` for local runners"));
    }
}
