using System.Diagnostics;
using LoadOps.Core.Planning;
using LoadOps.Core.Serialization;

namespace LoadOps.Cli.Run;

/// <summary>
/// One shard running as a child process (<c>loadops-runner shard --spec FILE --out DIR</c>). Its console output goes to a
/// log file beside its result, so that a failing runner can be diagnosed after the run.
/// </summary>
internal sealed class LocalShardProcess : IDisposable
{
    private readonly Process _process;

    private LocalShardProcess(ShardSpec spec, string folder, Process process)
    {
        Spec = spec;
        Folder = folder;
        _process = process;
    }

    public ShardSpec Spec { get; }
    public string Folder { get; }
    public string ResultPath => Path.Combine(Folder, "result.json");
    public string LogPath => Path.Combine(Folder, "runner.log");
    public bool HasExited => _process.HasExited;
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static LocalShardProcess Start(ShardSpec spec, string runFolder)
    {
        var folder = Path.Combine(runFolder, "shards", spec.ShardId);
        Directory.CreateDirectory(folder);
        var specPath = Path.Combine(folder, "spec.json");
        File.WriteAllText(specPath, LoadOpsJson.Serialize(spec));

        var (fileName, prefix) = RunnerExecutable.Locate();
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in prefix.Concat(["shard", "--spec", specPath, "--out", folder]))
            start.ArgumentList.Add(argument);

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var log = new StreamWriter(Path.Combine(folder, "runner.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => log.Dispose();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new LocalShardProcess(spec, folder, process);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
            return;
        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The process exited and its log was closed; late lines have nowhere to go.
            }
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Asks the runner to stop (SIGTERM: it finishes the interval and writes a partial result).</summary>
    public void RequestStop()
    {
        if (!_process.HasExited && !PosixSignal.Terminate(_process.Id))
            Kill();
    }

    /// <summary>Ends the runner at once; used when it did not stop after <see cref="RequestStop"/>.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
