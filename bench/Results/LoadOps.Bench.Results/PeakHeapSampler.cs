namespace LoadOps.Bench.Results;

/// <summary>Samples the managed heap every 50 ms on a timer while a merge runs on other threads; <see cref="Peak"/> is the largest seen.</summary>
internal sealed class PeakHeapSampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public PeakHeapSampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));

    public long Peak
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var now = GC.GetTotalMemory(forceFullCollection: false);
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }
}
