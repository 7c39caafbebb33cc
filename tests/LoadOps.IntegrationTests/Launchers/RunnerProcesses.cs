using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using LoadOps.Cli.Run;

namespace LoadOps.IntegrationTests.Launchers;

/// <summary>
/// What ACI and ECS do with a runner request, done on this machine: a container group or task becomes a real
/// <c>loadops-runner</c> process running the image's default command (bare <c>shard</c>) with exactly the environment
/// variables the request carried (plain and secure), in a folder of its own. Output is kept for diagnosis.
/// </summary>
internal sealed class RunnerProcesses(string folder) : IDisposable
{
    private readonly ConcurrentDictionary<string, Process> _processes = new(StringComparer.Ordinal);
    private readonly StringBuilder _output = new();

    /// <summary>Every runner started, by group resource id or task ARN.</summary>
    public IReadOnlyCollection<string> Started => _processes.Keys.ToList();

    /// <summary>Runners whose process has not exited.</summary>
    public IReadOnlyList<string> Alive => _processes.Where(p => !p.Value.HasExited).Select(p => p.Key).ToList();

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>A container group PUT: the container's environmentVariables (value or secureValue).</summary>
    public void StartGroup(string resourceId, JsonNode group)
    {
        var variables = group["properties"]!["containers"]![0]!["properties"]!["environmentVariables"]!.AsArray()
            .ToDictionary(v => v!["name"]!.GetValue<string>(), v => (v!["value"] ?? v["secureValue"])!.GetValue<string>(), StringComparer.Ordinal);
        Start(resourceId, variables);
    }

    /// <summary>A RunTask: the container override's environment.</summary>
    public void StartTask(string taskArn, JsonNode runTask)
    {
        var variables = runTask["overrides"]!["containerOverrides"]![0]!["environment"]!.AsArray()
            .ToDictionary(v => v!["name"]!.GetValue<string>(), v => v!["value"]!.GetValue<string>(), StringComparer.Ordinal);
        Start(taskArn, variables);
    }

    /// <summary>ACI's view of a group's container: Running, or Succeeded/Failed with the exit code.</summary>
    public (string State, int? ExitCode)? StateOf(string id)
    {
        if (!_processes.TryGetValue(id, out var process))
            return null;
        if (!process.HasExited)
            return ("Running", null);
        return (process.ExitCode == 0 ? "Succeeded" : "Failed", process.ExitCode);
    }

    /// <summary>A group deleted or a task stopped: the container is killed.</summary>
    public void Stop(string id)
    {
        if (_processes.TryGetValue(id, out var process) && !process.HasExited)
            process.Kill(entireProcessTree: true);
    }

    private void Start(string id, IReadOnlyDictionary<string, string> variables)
    {
        var (fileName, prefix) = RunnerExecutable.Locate();
        var directory = Path.Combine(folder, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..12]);
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in prefix.Append("shard"))
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in variables)
            start.Environment[name] = value;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(id, e.Data);
        process.ErrorDataReceived += (_, e) => Append(id, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes[id] = process;
    }

    private void Append(string id, string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Append(id[^12..]).Append(": ").AppendLine(line);
    }

    public void Dispose()
    {
        foreach (var process in _processes.Values)
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }
}
