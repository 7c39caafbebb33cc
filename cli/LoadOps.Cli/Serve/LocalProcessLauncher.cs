using LoadOps.Cli.Run;
using LoadOps.Cloud.Pipeline;
using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;

namespace LoadOps.Cli.Serve;

/// <summary>
/// Dispatch for <c>local</c> runners: each shard is a <c>loadops-runner</c> process on this machine writing into
/// <c>{out}/runs/{runId}/shards/{shardId}/</c>; the <see cref="ShardWatcher"/> reports it when it exits. Pools are routed
/// elsewhere (<see cref="ServeLauncher"/>); Azure and AWS are refused: <c>loadops serve</c> does not launch cloud runners.
/// </summary>
internal sealed class LocalProcessLauncher(string outDirectory, ShardWatcher watcher) : IShardLauncher
{
    public Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!RunnerLocation.TryParse(spec.Location, out var location) || location.Kind != RunnerKind.Local)
            return Task.FromResult(ShardLaunch.Refused($"loadops serve runs only 'local' and 'pool/NAME' runners; '{spec.Location}' needs the cloud launchers (not in serve)"));
        try
        {
            var process = LocalShardProcess.Start(spec, Path.Combine(outDirectory, "runs", spec.RunId));
            watcher.Add(process);
            return Task.FromResult(ShardLaunch.Running($"local:{process.Folder}"));
        }
        catch (Exception e) when (e is FileNotFoundException or System.ComponentModel.Win32Exception or IOException)
        {
            return Task.FromResult(ShardLaunch.Refused("the local runner could not start: " + e.Message));
        }
    }
}
