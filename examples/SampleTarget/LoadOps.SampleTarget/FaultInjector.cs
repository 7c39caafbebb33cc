namespace LoadOps.SampleTarget;

/// <summary>Applies the current faults to a request, and counts requests and concurrency for tests.</summary>
public sealed class FaultInjector(FaultSettings initial, TimeProvider time)
{
    private volatile FaultSettings _settings = initial;
    private long _stallUntilTimestamp;
    private long _requests;
    private long _concurrent;
    private long _maxConcurrent;

    public FaultSettings Settings => _settings;

    public long Requests => Interlocked.Read(ref _requests);

    public long MaxConcurrent => Interlocked.Read(ref _maxConcurrent);

    public void Change(FaultChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var current = _settings;
        _settings = new FaultSettings
        {
            LatencyMs = Math.Max(0, change.LatencyMs ?? current.LatencyMs),
            JitterMs = Math.Max(0, change.JitterMs ?? current.JitterMs),
            ErrorRate = Math.Clamp(change.ErrorRate ?? current.ErrorRate, 0, 1),
        };
        if (change.StallMs is > 0 and var stall)
            Interlocked.Exchange(ref _stallUntilTimestamp, time.GetTimestamp() + (long)(stall / 1000 * time.TimestampFrequency));
    }

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _maxConcurrent, Interlocked.Read(ref _concurrent));
    }

    /// <summary>Waits out any stall and the latency; true when the request should fail with 500.</summary>
    public async Task<bool> ApplyAsync(CancellationToken cancellationToken)
    {
        var stallUntil = Interlocked.Read(ref _stallUntilTimestamp);
        var now = time.GetTimestamp();
        if (stallUntil > now)
            await Task.Delay(time.GetElapsedTime(now, stallUntil), time, cancellationToken);
        var settings = _settings;
        var latency = settings.LatencyMs + (settings.JitterMs * ((Random.Shared.NextDouble() * 2) - 1));
        if (latency >= 1)
            await Task.Delay(TimeSpan.FromMilliseconds(latency), time, cancellationToken);
        return settings.ErrorRate > 0 && Random.Shared.NextDouble() < settings.ErrorRate;
    }

    public void Enter()
    {
        Interlocked.Increment(ref _requests);
        var now = Interlocked.Increment(ref _concurrent);
        var max = Interlocked.Read(ref _maxConcurrent);
        while (now > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxConcurrent, now, max);
            if (seen == max)
                break;
            max = seen;
        }
    }

    public void Leave() => Interlocked.Decrement(ref _concurrent);
}
