using LoadOps.Cloud.Pipeline;
using LoadOps.Pipeline;

namespace LoadOps.Cli.Serve;

/// <summary>
/// Finishes local launches a dead serve left half done. Dispatch marks a shard launched (<c>launching:local</c>) before
/// starting its runner and records the runner afterwards; a serve killed in between leaves the shard marked but its
/// launch unrecorded, and a redelivered dispatch does not launch a marked shard again. Such a shard, once older than
/// the lease (its dispatcher would have finished by then), is adopted if its runner was started and started
/// otherwise, while its run can still use it; shards of runs that ended are only let go.
/// </summary>
internal sealed class LocalLaunchRecovery(PipelineStages stages, PipelineBlobs blobs, LocalRunnerLauncher launcher, TimeSpan grace, TimeProvider clock, Action<string> log)
{
    private const string Unrecorded = ShardLaunch.LaunchingPrefix + "local";

    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var recovered = 0;
        var now = clock.GetUtcNow();
        foreach (var shard in await stages.Shards.ListTeardownPendingAsync(cancellationToken))
        {
            if (shard.LauncherHandle != Unrecorded || (shard.LaunchedAt is { } marked && now - marked < grace))
                continue;
            var run = await stages.Runs.GetAsync(shard.RunId, cancellationToken);
            var spec = run is null ? null : (await blobs.ReadPlanAsync(run.RunId, cancellationToken))?.Shards.FirstOrDefault(s => s.ShardId == shard.ShardId);
            if (run is null || run.IsTerminal || shard.IsFinal || spec is null || run.Deadline is { } deadline && now >= deadline)
            {
                await stages.Shards.MarkTornDownAsync(shard.RunId, shard.ShardId, cancellationToken);
                continue;
            }

            var launch = await launcher.RecoverAsync(spec, grace, cancellationToken);
            if (launch is null)
                continue;
            recovered++;
            if (launch.Started)
            {
                await stages.Shards.RecordHandleAsync(shard.RunId, shard.ShardId, launch.Detail, needsTeardown: false, cancellationToken);
                log($"runner {shard.ShardId}: its launch was cut short by a serve that stopped; recovered ({launch.Detail})");
                continue;
            }
            log($"runner {shard.ShardId}: its launch was cut short and could not be finished: {launch.Detail}");
            var failed = await stages.Shards.MarkFailedAsync(shard.RunId, shard.ShardId, launch.Detail, cancellationToken);
            if (failed is not null)
                await stages.Sender.SendAsync(await stages.Collect.MergeIfCompleteAsync(failed, cancellationToken), cancellationToken);
        }
        return recovered;
    }
}
