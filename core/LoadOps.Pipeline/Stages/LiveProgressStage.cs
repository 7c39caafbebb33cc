using LoadOps.Pipeline.Live;
using LoadOps.Pipeline.Publish;

namespace LoadOps.Pipeline;

/// <summary>
/// Timer work while runs are under way: for each dispatched, running or collecting run, reads its live figures
/// (<see cref="LiveRunReader"/>) and has the publisher update its check run in progress. At most one update per
/// <see cref="Interval"/> per run, none while the figures are unchanged; after GitHub answers 403 or 429 the
/// installation gets no update for twice the interval, doubling on each refusal up to <see cref="MaxBackoff"/>. The
/// state is this instance's: serve runs one, and the Functions host runs a timer function on one instance at a time.
/// </summary>
public sealed class LiveProgressStage(IRunRepository runs, LiveRunReader live, IRunPublisher publisher, TimeProvider clock, TimeSpan interval)
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(15);

    private readonly Dictionary<string, (DateTimeOffset Next, DateTimeOffset AsOf)> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset Until, TimeSpan Wait)> _backoff = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>The update interval when the host sets none (<c>LoadOps:Publish:CheckRunUpdateInterval</c>).</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    public TimeSpan Interval => interval;

    /// <summary>Updates what is due; returns the notes of what it did (updates, refusals, back-offs).</summary>
    public async Task<IReadOnlyList<string>> TickAsync(CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            var notes = new List<string>();
            var underWay = await runs.ListUnderWayAsync(cancellationToken);
            foreach (var gone in _runs.Keys.Except(underWay.Select(r => r.RunId)).ToList())
            {
                _runs.Remove(gone);
                live.Forget(gone);
            }
            foreach (var run in underWay.Where(r => r.Commit is { Length: > 0 } && r.Repo.Contains('/', StringComparison.Ordinal)))
            {
                var now = clock.GetUtcNow();
                var installation = run.InstallationId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? run.Repo;
                if (_runs.TryGetValue(run.RunId, out var due) && due.Next > now)
                    continue;
                if (_backoff.TryGetValue(installation, out var backoff) && backoff.Until > now)
                    continue;
                var figures = await live.ReadAsync(run, cancellationToken);
                if (figures is null || (_runs.TryGetValue(run.RunId, out var seen) && seen.AsOf == figures.AsOf))
                    continue;

                var result = await publisher.ProgressAsync(run, figures, cancellationToken);
                _runs[run.RunId] = (now + interval, result.Updated ? figures.AsOf : default);
                if (result.Updated)
                {
                    _backoff.Remove(installation);
                    notes.Add($"{run.RunId}: check run updated ({LiveFiguresText.Line(figures)})");
                }
                else if (result.ShouldBackOff)
                {
                    var wait = backoff.Wait == TimeSpan.Zero ? interval * 2 : TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Wait.Ticks * 2));
                    _backoff[installation] = (now + wait, wait);
                    notes.Add($"{run.RunId}: GitHub answered {result.RefusedWith}; no live update for {wait.TotalSeconds:0} s ({result.Problem})");
                }
                else if (result.Problem is { } problem)
                {
                    notes.Add($"{run.RunId}: {problem}");
                }
            }
            return notes;
        }
        finally
        {
            _one.Release();
        }
    }
}
