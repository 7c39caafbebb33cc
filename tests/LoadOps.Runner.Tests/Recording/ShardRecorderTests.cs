using LoadOps.Runner.Recording;
using Microsoft.Extensions.Time.Testing;

namespace LoadOps.Runner.Tests.Recording;

public sealed class ShardRecorderTests
{
    [Fact]
    public async Task Concurrent_records_are_all_counted_once_across_harvests()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        var recorder = new ShardRecorder(new IntervalClock(time, TimeSpan.FromSeconds(1)), stepCount: 2);
        var harvested = new List<IntervalBucket>();
        const int Threads = 8;
        const int PerThread = 20_000;

        var writers = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                var now = time.GetTimestamp();
                recorder.Record(i % 2, now, now, i % 10 == 0 ? Outcome.Timeout : Outcome.Ok, 10, 100);
            }
        }, TestContext.Current.CancellationToken)).ToArray();
        for (var index = 0; !writers.All(w => w.IsCompleted); index++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            harvested.AddRange(recorder.Harvest(index));
            await Task.Yield();
        }
        await Task.WhenAll(writers);
        harvested.AddRange(recorder.Harvest(long.MaxValue - 1));

        long ok = 0, timeouts = 0, sent = 0, histogramCount = 0;
        foreach (var bucket in harvested)
        {
            for (var step = 0; step < 2; step++)
            {
                ok += bucket.Count(step, Outcome.Ok);
                timeouts += bucket.Count(step, Outcome.Timeout);
                sent += bucket.BytesSent[step];
                histogramCount += bucket.Histograms[step]?.TotalCount ?? 0;
            }
        }
        Assert.Equal(Threads * PerThread * 9 / 10, ok);
        Assert.Equal(Threads * PerThread / 10, timeouts);
        Assert.Equal(Threads * PerThread * 10L, sent);
        Assert.Equal(Threads * PerThread, histogramCount);
    }

    [Fact]
    public void Records_land_in_wall_clock_aligned_intervals_and_late_ones_move_forward()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 2, 500, TimeSpan.Zero));
        var clock = new IntervalClock(time, TimeSpan.FromSeconds(5));
        var recorder = new ShardRecorder(clock, stepCount: 1);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), clock.AlignedStart);
        var early = time.GetTimestamp();
        recorder.Record(0, early, early, Outcome.Ok, 0, 0);
        time.Advance(TimeSpan.FromSeconds(3));
        var second = time.GetTimestamp();
        Assert.Equal(1, clock.IndexOf(second));
        var first = recorder.Harvest(0);
        recorder.Record(0, early, early, Outcome.Ok, 0, 0);

        Assert.Equal(0, Assert.Single(first).Index);
        Assert.Equal(1, Assert.Single(recorder.Harvest(1)).Index);
    }
}
