using System.Diagnostics;

namespace LoadOps.Bench.Pipeline;

/// <summary>
/// CPU time used so far by this process and by the Azurite process (when this benchmark started it): a figure that
/// depends much less than wall time on what else the shared machine is doing.
/// </summary>
internal sealed class CpuClock(int? azuriteProcessId)
{
    public TimeSpan Now()
    {
        using var self = Process.GetCurrentProcess();
        var total = self.TotalProcessorTime;
        if (azuriteProcessId is { } pid)
        {
            using var azurite = Process.GetProcessById(pid);
            total += azurite.TotalProcessorTime;
        }
        return total;
    }
}
