using LoadOps.Core.Planning;
using LoadOps.Pipeline;

namespace LoadOps.Cli.Serve;

/// <summary>Lets the stages be built before the launcher that needs them (the watcher reports through the stages).</summary>
internal sealed class LauncherSlot : IShardLauncher
{
    public IShardLauncher? Inner { get; set; }

    public Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken) =>
        (Inner ?? throw new InvalidOperationException("The launcher was not set.")).LaunchAsync(spec, cancellationToken);
}
