using System.Diagnostics;

namespace LoadOps.Runner.Recording;

/// <summary>Process CPU and GC pause between two readings: the runner watching itself.</summary>
internal sealed class HealthProbe
{
    private readonly TimeProvider _time;
    private TimeSpan _cpu;
    private TimeSpan _gcPause;
    private long _timestamp;

    public HealthProbe(TimeProvider time)
    {
        _time = time;
        Read(out _cpu, out _gcPause);
        _timestamp = time.GetTimestamp();
    }

    /// <summary>CPU as a fraction of the cores available (0..1) and GC pause in milliseconds since the last reading.</summary>
    public (double Cpu, double GcPauseMs) Sample()
    {
        Read(out var cpu, out var gcPause);
        var now = _time.GetTimestamp();
        var wall = _time.GetElapsedTime(_timestamp, now);
        var fraction = wall > TimeSpan.Zero
            ? (cpu - _cpu).TotalSeconds / (wall.TotalSeconds * Environment.ProcessorCount)
            : 0;
        var pause = (gcPause - _gcPause).TotalMilliseconds;
        (_cpu, _gcPause, _timestamp) = (cpu, gcPause, now);
        return (Math.Clamp(fraction, 0, 1), Math.Max(0, pause));
    }

    private static void Read(out TimeSpan cpu, out TimeSpan gcPause)
    {
        using var process = Process.GetCurrentProcess();
        cpu = process.TotalProcessorTime;
        gcPause = GC.GetTotalPauseDuration();
    }
}
