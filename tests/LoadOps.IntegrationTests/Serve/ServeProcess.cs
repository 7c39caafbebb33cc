using System.Diagnostics;
using System.Text;

namespace LoadOps.IntegrationTests.Serve;

/// <summary>
/// A real <c>loadops serve</c> process (the apphost built beside the tests), its output appended to a shared log
/// with a generation mark, so a test can kill and restart serve and still read everything every serve said.
/// </summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;

    private ServeProcess(Process process, StringBuilder log)
    {
        _process = process;
        _log = log;
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    public static ServeProcess Start(IEnumerable<string> arguments, string storage, StringBuilder log, string generation)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "loadops"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("serve");
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["LOADOPS_STORAGE"] = storage;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, generation, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, generation, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServeProcess(process, log);
    }

    public static string Text(StringBuilder log)
    {
        lock (log)
            return log.ToString();
    }

    /// <summary>SIGKILL to serve alone (never its process tree): what a crash or an OOM kill does.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>Sends <paramref name="signal"/> (e.g. TERM, INT) to serve alone, as systemd, Docker or a terminal would.</summary>
    public async Task SignalAsync(string signal, CancellationToken cancellationToken)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellationToken);
    }

    /// <summary>Serve's exit code once it has exited within <paramref name="within"/>; null while it still runs.</summary>
    public async Task<int?> ExitCodeAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(within);
        try
        {
            await _process.WaitForExitAsync(bounded.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Waits (bounded) until the shared log contains <paramref name="text"/>; false if serve exited or time ran out.</summary>
    public async Task<bool> WaitForAsync(string text, TimeSpan within, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until && !_process.HasExited)
        {
            if (Text(_log).Contains(text, StringComparison.Ordinal))
                return true;
            await Task.Delay(100, cancellationToken);
        }
        return Text(_log).Contains(text, StringComparison.Ordinal);
    }

    private static void Append(StringBuilder log, string generation, string? line)
    {
        if (line is null)
            return;
        lock (log)
            log.Append('[').Append(generation).Append("] ").AppendLine(line);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: false);
        _process.Dispose();
    }
}
