using System.Diagnostics;
using System.Text;
using LoadOps.Cli.Run;

namespace LoadOps.IntegrationTests.Pools;

/// <summary>A real <c>loadops-runner agent</c> process (the one built beside the tests), its output kept for assertions.</summary>
internal sealed class AgentProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AgentProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static AgentProcess Start(string pool, Uri queueUrl, string workDirectory)
    {
        var (fileName, prefix) = RunnerExecutable.Locate();
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in prefix.Concat(["agent", "--pool", pool, "--work-dir", workDirectory, "--poll", "1", "--lock", "10", "--heartbeat", "2"]))
            start.ArgumentList.Add(argument);
        // The queue URL carries a SAS: pass it in the environment, as the installer does, not on the command line.
        start.Environment["LOADOPS_QUEUE_URL"] = queueUrl.AbsoluteUri;
        var process = new Process { StartInfo = start };
        var agent = new AgentProcess(process);
        process.OutputDataReceived += (_, e) => agent.Append(e.Data);
        process.ErrorDataReceived += (_, e) => agent.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return agent;
    }

    /// <summary>Waits (bounded) until the output contains <paramref name="text"/>.</summary>
    public async Task<bool> WaitForAsync(string text, TimeSpan within, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until && !_process.HasExited)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
                return true;
            await Task.Delay(100, cancellationToken);
        }
        return Output.Contains(text, StringComparison.Ordinal);
    }

    /// <summary>SIGTERM, then waits (bounded) for the exit; returns the exit code, or null if it did not stop in time.</summary>
    public async Task<int?> TerminateAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        PosixSignal.Terminate(_process.Id);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
