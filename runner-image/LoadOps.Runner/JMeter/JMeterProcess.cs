using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace LoadOps.Runner.JMeter;

/// <summary>
/// One JMeter run in non-GUI mode as a child process: its output is forwarded line by line and kept (the last lines)
/// so a failure can be told in JMeter's own words. Stopping (a signal, the shard's deadline) first asks JMeter to stop
/// its test through the loopback UDP port it announces, so it closes its results file; if it has not ended within the
/// drain time, its process tree is ended.
/// </summary>
internal sealed partial class JMeterProcess
{
    private const int KeptLines = 200;

    // "Waiting for possible shutdown message on port 4445": JMeter's stop listener (ports 4445-4455, one per JMeter on a host).
    [GeneratedRegex(@"shutdown message on port (?<port>\d{2,5})\b")]
    private static partial Regex StopPortLine();

    public sealed record Outcome(int? ExitCode, bool Stopped, IReadOnlyList<string> Output, string? StartProblem = null);

    public static async Task<Outcome> RunAsync(
        string launcher, IReadOnlyList<string> arguments, string workDirectory, Action<string> line, TimeSpan drain, TimeProvider time, CancellationToken stop)
    {
        var stopPort = 0;
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
            if (StopPortLine().Match(text) is { Success: true } announced)
                Volatile.Write(ref stopPort, int.Parse(announced.Groups["port"].Value, CultureInfo.InvariantCulture));
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
            await StopAsync(process, Volatile.Read(ref stopPort), drain, time);
        }
        // The last lines arrive after the exit; WaitForExit without a timeout waits for the redirected streams to close.
        process.WaitForExit();
        lock (kept)
            return new Outcome(process.ExitCode, stopped, [.. kept]);
    }

    private static async Task StopAsync(Process process, int port, TimeSpan drain, TimeProvider time)
    {
        if (port is > 0 and <= IPEndPoint.MaxPort)
        {
            try
            {
                using var udp = new UdpClient(AddressFamily.InterNetwork);
                await udp.SendAsync(Encoding.ASCII.GetBytes("StopTestNow"), new IPEndPoint(IPAddress.Loopback, port));
                using var drained = new CancellationTokenSource(drain, time);
                await process.WaitForExitAsync(drained.Token);
                return;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                // No answer in time (or no listener): end it below.
            }
        }
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None);
    }
}
