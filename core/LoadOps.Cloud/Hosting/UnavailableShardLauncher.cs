using LoadOps.Core.Planning;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Hosting;

/// <summary>
/// No launcher is configured (neither <c>LoadOps:Aci</c> nor <c>LoadOps:Ecs</c> nor a pool): every shard is refused
/// with that reason, so the run fails saying so instead of waiting for its deadline.
/// </summary>
internal sealed class UnavailableShardLauncher : IShardLauncher
{
    public Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Task.FromResult(ShardLaunch.Refused(
            $"no launcher for location '{spec.Location}': the Functions app has no launcher configured (set LoadOps:Aci for azure/<region>, LoadOps:Ecs for aws/<region>); use `loadops serve` for local runners"));
    }
}
