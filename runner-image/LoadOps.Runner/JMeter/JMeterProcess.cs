using System.ComponentModel;
using System.Diagnostics;

namespace LoadOps.Runner.JMeter;

/// <summary>
/// One JMeter run in non-GUI mode as a child process: its output is forwarded line by line and kept (the last lines)
/// so a failure can be told in JMeter's own words. Stopping (a signal, the shard's deadline) ends JMeter's process tree.
/// </summary>
internal sealed class JMeterProcess
{
    private const int KeptLines = 200;

    public sealed record Outcome(int? ExitCode, bool Stopped, IReadOnlyList<string> Output, string? StartProblem = null);

    public static async Task<Outcome> RunAsync(string launcher, IReadOnlyList<string> arguments, string workDirectory, Action<string> line, CancellationToken stop)
    {
        var start = new ProcessStartInfo(launcher)
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        var kept = new Queue<string>();
        void Keep(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
                return;
            lock (kept)
            {
                kept.Enqueue(text);
                if (kept.Count > KeptLines)
                    kept.Dequeue();
            }
            line(text);
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new Outcome(null, false, [], $"JMeter could not be started from '{launcher}': {e.Message}; check that the file is executable");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var stopped = false;
        try
        {
            await process.WaitForExitAsync(stop);
        }
        catch (OperationCanceledException)
        {
            stopped = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        // The last lines arrive after the exit; WaitForExit without a timeout waits for the redirected streams to close.
        process.WaitForExit();
        lock (kept)
            return new Outcome(process.ExitCode, stopped, [.. kept]);
    }
}
