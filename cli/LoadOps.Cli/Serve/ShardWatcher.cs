using LoadOps.Cli.Files;
using LoadOps.Cli.Run;
using LoadOps.Cloud.Pipeline;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Results;

namespace LoadOps.Cli.Serve;

/// <summary>
/// Watches the local runner processes of <c>loadops serve</c>. When one exits, it does what a runner in a container
/// does: uploads its <c>result.json</c> (an interim snapshot left by a runner that died becomes a partial result) and
/// sends <see cref="ShardDone"/>; a runner that left no result fails its shard
/// (and the run is merged from the others once all are accounted for). A runner still going at its deadline is asked
/// to stop, so it writes a partial result.
/// </summary>
internal sealed class ShardWatcher(PipelineStages stages, TimeProvider clock, Action<string> log) : IDisposable
{
    private readonly List<LocalShardProcess> _running = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
                return _running.Count;
        }
    }

    public void Add(LocalShardProcess process)
    {
        lock (_lock)
            _running.Add(process);
    }

    /// <summary>Reports every runner that has exited; returns how many.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        List<LocalShardProcess> exited;
        lock (_lock)
        {
            exited = _running.Where(p => p.HasExited).ToList();
            _running.RemoveAll(exited.Contains);
            foreach (var late in _running.Where(p => p.Spec.Deadline is { } d && clock.GetUtcNow() > d))
                late.RequestStop();
        }

        foreach (var process in exited)
        {
            await ReportAsync(process, cancellationToken);
            process.Dispose();
        }
        return exited.Count;
    }

    private async Task ReportAsync(LocalShardProcess process, CancellationToken cancellationToken)
    {
        var spec = process.Spec;
        var read = File.Exists(process.ResultPath) ? await ResultFileLoader.LoadAsync(process.ResultPath, cancellationToken) : null;
        if (read?.Result is { } result)
        {
            // A runner that died (killed, crashed) leaves its last interim snapshot: the numbers up to then, kept as a
            // partial result (the merge flags the shard as stopped early) rather than as a result still running.
            if (result.Status == ResultStatus.Running)
            {
                log($"runner {spec.ShardId}: exited with code {process.ExitCode} before finishing; its last snapshot is kept as a partial result");
                result = result with { Status = ResultStatus.Partial };
            }
            var blob = await stages.Results.PutShardResultAsync(result, cancellationToken);
            await stages.Sender.SendAsync(new ShardDone(spec.RunId, spec.ShardId, blob), cancellationToken);
            log($"runner {spec.ShardId}: result uploaded to {blob}");
            return;
        }

        var reason = read?.Problem?.ToString() ?? $"the runner exited with code {process.ExitCode} without a result; see {process.LogPath}";
        log($"runner {spec.ShardId}: {reason}");
        var run = await stages.Shards.MarkFailedAsync(spec.RunId, spec.ShardId, reason, cancellationToken);
        if (run is not null)
            await stages.Sender.SendAsync(await stages.Collect.MergeIfCompleteAsync(run, cancellationToken), cancellationToken);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var process in _running)
                process.Dispose();
            _running.Clear();
        }
    }
}
