using LoadOps.Cli.Files;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Results;
using LoadOps.Pipeline;

namespace LoadOps.Cli.Serve;

/// <summary>
/// The local runners of <c>loadops serve</c>. A runner reports itself (uploads its result, sends ShardDone with its own
/// grants), so this only watches: a runner still going at its deadline is asked to stop, and killed if it does not.
/// When one ends without having reported (killed, crashed) serve does it in its place: its last interim snapshot is
/// uploaded as a partial result, and a runner that left nothing fails its shard. Runners left by a serve that died are
/// adopted at start from their <c>process.json</c>, so a restarted serve still stops and settles them.
/// </summary>
internal sealed class LocalRunners(PipelineStages stages, TimeProvider clock, Action<string> log) : IDisposable
{
    /// <summary>How long after its deadline a runner asked to stop is given before it is killed.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private readonly List<LocalRunner> _running = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
                return _running.Count;
        }
    }

    public void Track(LocalRunner runner)
    {
        lock (_lock)
            _running.Add(runner);
    }

    public bool IsTracked(LocalRunnerFiles files)
    {
        lock (_lock)
            return _running.Any(r => r.Files.Folder == files.Folder);
    }

    /// <summary>Follows the runners a previous serve started and no serve saw end; returns how many.</summary>
    public int AdoptLeftovers(string outDirectory)
    {
        var adopted = 0;
        foreach (var files in LocalRunnerFiles.Unsettled(outDirectory))
        {
            // A claim without a process id is a launch cut short; the launch recovery decides about it.
            if (files.Read() is not { Pid: not null } record || IsTracked(files))
                continue;
            Track(new LocalRunner(files, record, child: null));
            adopted++;
        }
        return adopted;
    }

    /// <summary>Stops overdue runners and settles every runner that has ended; returns how many ended.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        List<LocalRunner> ended;
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            ended = _running.Where(r => r.HasExited).ToList();
            _running.RemoveAll(ended.Contains);
            foreach (var late in _running.Where(r => r.Record.Deadline is { } d && now > d))
            {
                if (!late.StopRequested)
                    late.RequestStop();
                else if (now > late.Record.Deadline + StopGrace)
                    late.Kill();
            }
        }

        foreach (var runner in ended)
        {
            await SettleAsync(runner, cancellationToken);
            runner.Dispose();
        }
        return ended.Count;
    }

    private async Task SettleAsync(LocalRunner runner, CancellationToken cancellationToken)
    {
        var (files, record) = (runner.Files, runner.Record);
        var exit = runner.ExitCode is { } code ? $"exit code {code}" : "exit code unknown";
        if (File.Exists(files.DoneMarker))
        {
            log($"runner {record.ShardId}: ended ({exit}) after reporting its result");
            files.MarkExited("reported by the runner; " + exit);
            return;
        }

        var read = File.Exists(files.PendingResult) ? await ResultFileLoader.LoadAsync(files.PendingResult, cancellationToken) : null;
        if (read?.Result is { } result)
        {
            // A runner that died (killed, crashed) leaves its last interim snapshot: the numbers up to then, kept as a
            // partial result (the merge flags the shard as stopped early) rather than as a result still running.
            if (result.Status == ResultStatus.Running)
                result = result with { Status = ResultStatus.Partial };
            var blob = await stages.Results.PutShardResultAsync(result, cancellationToken);
            await stages.Sender.SendAsync(new ShardDone(record.RunId, record.ShardId, blob), cancellationToken);
            log($"runner {record.ShardId}: ended ({exit}) without reporting; serve uploaded what it left ({result.Status.ToString().ToLowerInvariant()}) to {blob}");
            files.MarkExited($"reported by serve ({result.Status.ToString().ToLowerInvariant()}); " + exit);
            return;
        }

        var reason = read?.Problem?.ToString() ?? $"the runner ended ({exit}) without a result; see {files.LogPath}";
        log($"runner {record.ShardId}: {reason}");
        var run = await stages.Shards.MarkFailedAsync(record.RunId, record.ShardId, reason, cancellationToken);
        if (run is not null)
            await stages.Sender.SendAsync(await stages.Collect.MergeIfCompleteAsync(run, cancellationToken), cancellationToken);
        files.MarkExited("failed: " + reason);
    }

    /// <summary>Lets go of every runner; they go on and report by themselves.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var runner in _running)
                runner.Dispose();
            _running.Clear();
        }
    }
}
