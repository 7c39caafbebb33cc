namespace LoadOps.Runner.Recording;

/// <summary>
/// Maps the monotonic timestamps of a <see cref="TimeProvider"/> to wall-clock intervals aligned to multiples of
/// the interval length, so interval N of every shard covers the same instants.
/// </summary>
internal sealed class IntervalClock
{
    private readonly TimeProvider _time;
    private readonly long _originTimestamp;
    private readonly long _originOffsetTicks;

    public IntervalClock(TimeProvider time, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _time = time;
        Interval = interval;
        _originTimestamp = time.GetTimestamp();
        Origin = time.GetUtcNow();
        AlignedStart = new DateTimeOffset(Origin.UtcTicks - (Origin.UtcTicks % interval.Ticks), TimeSpan.Zero);
        _originOffsetTicks = Origin.UtcTicks - AlignedStart.UtcTicks;
    }

    public TimeSpan Interval { get; }

    /// <summary>The wall-clock instant the clock was created (the run's start).</summary>
    public DateTimeOffset Origin { get; }

    /// <summary>Start of interval 0: <see cref="Origin"/> rounded down to a multiple of <see cref="Interval"/>.</summary>
    public DateTimeOffset AlignedStart { get; }

    public long Now => _time.GetTimestamp();

    public long OriginTimestamp => _originTimestamp;

    public TimeSpan Elapsed(long fromTimestamp, long toTimestamp) => _time.GetElapsedTime(fromTimestamp, toTimestamp);

    /// <summary>Microseconds between two timestamps, at least 1 (the histogram's lowest value).</summary>
    public long Microseconds(long fromTimestamp, long toTimestamp) =>
        Math.Max(1, (long)((toTimestamp - fromTimestamp) * 1_000_000.0 / _time.TimestampFrequency));

    /// <summary>The timestamp <paramref name="offset"/> after the origin.</summary>
    public long TimestampAt(TimeSpan offset) => _originTimestamp + (long)(offset.TotalSeconds * _time.TimestampFrequency);

    public long IndexOf(long timestamp)
    {
        var ticks = _originOffsetTicks + _time.GetElapsedTime(_originTimestamp, timestamp).Ticks;
        return ticks < 0 ? 0 : ticks / Interval.Ticks;
    }

    public DateTimeOffset StartOf(long index) => AlignedStart + (Interval * index);

    /// <summary>How long from now until interval <paramref name="index"/> ends.</summary>
    public TimeSpan UntilEndOf(long index)
    {
        var endTicks = (Interval.Ticks * (index + 1)) - _originOffsetTicks;
        var elapsed = _time.GetElapsedTime(_originTimestamp).Ticks;
        return TimeSpan.FromTicks(Math.Max(0, endTicks - elapsed));
    }
}
