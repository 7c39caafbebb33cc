using LoadOps.Core.Planning;

namespace LoadOps.Cli.Run;

/// <summary>
/// The local runner processes of one run. Whatever happens (the run ends, its deadline passes, the user presses
/// Ctrl-C, the CLI fails), no runner outlives the pool: stop is asked politely first, then enforced.
/// </summary>
internal sealed class LocalShardPool : IDisposable
{
    /// <summary>Time a runner gets after SIGTERM to finish its interval and write a partial result.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private LocalShardPool(IReadOnlyList<LocalShardProcess> shards) => Shards = shards;

    public IReadOnlyList<LocalShardProcess> Shards { get; }

    public static LocalShardPool Start(RunPlan plan, string runFolder)
    {
        var started = new List<LocalShardProcess>(plan.Shards.Count);
        try
        {
            foreach (var spec in plan.Shards)
                started.Add(LocalShardProcess.Start(spec, runFolder));
            return new LocalShardPool(started);
        }
        catch
        {
            started.ForEach(s => s.Dispose());
            throw;
        }
    }

    /// <summary>
    /// Waits until every runner has exited, or until <paramref name="deadline"/>, or until cancelled; in the last two
    /// cases the remaining runners are stopped (SIGTERM, then kill after <see cref="StopGrace"/>).
    /// Returns true when all runners ended on their own.
    /// </summary>
    public async Task<bool> WaitAsync(DateTimeOffset deadline, TimeProvider clock, CancellationToken cancellationToken)
    {
        var all = Task.WhenAll(Shards.Select(s => s.WaitAsync(CancellationToken.None)));
        var remaining = deadline - clock.GetUtcNow();
        using var timeout = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, clock);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await all.WaitAsync(stop.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            await StopAllAsync(all, clock);
            return false;
        }
    }

    private async Task StopAllAsync(Task all, TimeProvider clock)
    {
        foreach (var shard in Shards)
            shard.RequestStop();
        try
        {
            await all.WaitAsync(StopGrace, clock);
        }
        catch (TimeoutException)
        {
            foreach (var shard in Shards)
                shard.Kill();
        }
    }

    public void Dispose()
    {
        foreach (var shard in Shards)
            shard.Dispose();
    }
}
