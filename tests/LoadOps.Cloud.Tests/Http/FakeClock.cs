using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace LoadOps.Cloud.Tests.Http;

/// <summary>
/// A fake clock that records the timers set on it, so a test moves time only once the pipeline is waiting: it waits
/// for the timer of the expected delay (a retry's wait), then advances. No test result depends on how fast this runs.
/// </summary>
internal sealed class FakeClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    private readonly ConcurrentQueue<TimeSpan> _timers = new();

    /// <summary>Every due time asked for, in order (retry waits, and the pipeline's timeouts).</summary>
    public IReadOnlyList<TimeSpan> Timers => [.. _timers];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _timers.Enqueue(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits until <paramref name="count"/> timers matching <paramref name="wait"/> have been set (a call is waiting on them).</summary>
    public async Task WaitForTimersAsync(Func<TimeSpan, bool> wait, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 1200 && _timers.Count(wait) < count; i++)
            await Task.Delay(25, cancellationToken);
        Assert.True(_timers.Count(wait) >= count, $"expected {count} matching timers; set: {string.Join(", ", _timers)}");
    }
}
