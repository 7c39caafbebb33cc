using System.Diagnostics;
using LoadOps.Cli.Run;

namespace LoadOps.Cli.Serve;

/// <summary>
/// One local runner process as serve follows it: a child this serve started, or one adopted from its
/// <c>process.json</c> after a restart (then only its id and start time are known, and no exit code).
/// </summary>
internal sealed class LocalRunner(LocalRunnerFiles files, LocalRunnerRecord record, Process? child) : IDisposable
{
    public LocalRunnerFiles Files => files;
    public LocalRunnerRecord Record => record;
    public bool StopRequested { get; private set; }

    public bool HasExited => child?.HasExited
        ?? !(record.Pid is { } pid && record.StartedAt is { } started && DetachedProcess.IsRunning(pid, started));

    /// <summary>Known only for a child of this serve.</summary>
    public int? ExitCode => child is { HasExited: true } ? child.ExitCode : null;

    /// <summary>SIGTERM: the runner stops its load, writes a partial result and reports it while its grants last.</summary>
    public void RequestStop()
    {
        StopRequested = true;
        if (!HasExited && record.Pid is { } pid)
            PosixSignal.Terminate(pid);
    }

    /// <summary>Ends it at once; for a runner that did not stop after <see cref="RequestStop"/>.</summary>
    public void Kill()
    {
        if (HasExited || record.Pid is not { } pid)
            return;
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone in between.
        }
    }

    /// <summary>Lets go of the process without stopping it: a local runner reports by itself.</summary>
    public void Dispose() => child?.Dispose();
}
