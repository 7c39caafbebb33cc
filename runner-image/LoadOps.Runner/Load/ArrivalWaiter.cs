using System.Diagnostics;

namespace LoadOps.Runner.Load;

/// <summary>
/// Waits until an arrival's due timestamp on a dedicated thread, to within a few microseconds: a coarse sleep for
/// all but the last <see cref="SpinWindow"/> of the gap, then a spin. <c>Task.Delay</c> wakes on the timer queue and
/// then hops to the thread pool, so on Linux it oversleeps by up to a millisecond, and with the open model that
/// oversleep was counted as the target's latency. Gaps longer than the window cost no CPU beyond the window.
/// Only for <see cref="TimeProvider.System"/> (its timestamps are <see cref="Stopwatch"/>'s); other providers wait
/// with <c>Task.Delay</c> on them.
/// </summary>
internal static class ArrivalWaiter
{
    /// <summary>How much of a gap is spun rather than slept: more than a sleep oversleeps on a loaded Linux machine.</summary>
    public static readonly TimeSpan SpinWindow = TimeSpan.FromMicroseconds(300);

    /// <summary>Blocks until <paramref name="due"/> (a <see cref="Stopwatch"/> timestamp); false when stopped first.</summary>
    public static bool WaitUntil(long due, CancellationToken stop)
    {
        var spinFrom = due - (long)(SpinWindow.TotalSeconds * Stopwatch.Frequency);
        var now = Stopwatch.GetTimestamp();
        if (now < spinFrom)
        {
            var sleep = TimeSpan.FromSeconds((spinFrom - now) / (double)Stopwatch.Frequency);
            if (stop.WaitHandle.WaitOne(sleep))
                return false;
        }
        var spinner = default(SpinWait);
        while (Stopwatch.GetTimestamp() < due)
        {
            if (stop.IsCancellationRequested)
                return false;
            // SpinOnce(-1) never sleeps: Thread.Sleep(1) in the middle of the window would bring the oversleep back.
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        return true;
    }
}
