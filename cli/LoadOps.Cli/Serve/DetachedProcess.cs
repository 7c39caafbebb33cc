using System.Diagnostics;
using System.Globalization;

namespace LoadOps.Cli.Serve;

/// <summary>
/// Starts a process that outlives the one starting it: in a session of its own (<c>setsid</c>, so a Ctrl-C or a signal
/// to serve's process group does not reach it), stdin from <c>/dev/null</c> and stdout/stderr appended to a log file
/// (a pipe would break when serve dies). <c>setsid</c> and <c>sh</c> both exec, so the id answered is the process's own.
/// Also tells, from <c>/proc</c>, whether a recorded process still runs (and is the same one, not a reused id).
/// </summary>
internal static class DetachedProcess
{
    private const string Redirect = "exec \"$@\" </dev/null >>\"$LOADOPS_RUNNER_LOG\" 2>&1";
    private static readonly string? SetSid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    public static Process Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        ProcessStartInfo start;
        if (OperatingSystem.IsWindows())
        {
            start = new ProcessStartInfo(fileName) { RedirectStandardOutput = false, RedirectStandardError = false };
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
        }
        else
        {
            start = new ProcessStartInfo(SetSid ?? "/bin/sh");
            foreach (var argument in (SetSid is null ? [] : new[] { "/bin/sh" }).Concat(["-c", Redirect, "loadops-runner", fileName]).Concat(arguments))
                start.ArgumentList.Add(argument);
            start.Environment["LOADOPS_RUNNER_LOG"] = logPath;
        }
        start.UseShellExecute = false;
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
    }

    /// <summary>When the process started (UTC), as the system reports it; null when it is gone.</summary>
    public static DateTimeOffset? StartTimeOf(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>True while process <paramref name="pid"/> runs and started at <paramref name="startedAt"/> (not a reused id, not a zombie).</summary>
    public static bool IsRunning(int pid, DateTimeOffset startedAt)
    {
        if (OperatingSystem.IsLinux() && State(pid) is null or 'Z' or 'X')
            return false;
        return StartTimeOf(pid) is { } started && (started - startedAt).Duration() < TimeSpan.FromSeconds(2);
    }

    /// <summary>The ids of running processes whose command line has an argument starting with <paramref name="prefix"/> (Linux; empty elsewhere).</summary>
    public static IReadOnlyList<int> WithArgumentUnder(string prefix)
    {
        var found = new List<int>();
        if (!OperatingSystem.IsLinux())
            return found;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            try
            {
                var arguments = File.ReadAllText(Path.Combine(folder, "cmdline")).Split('\0');
                if (arguments.Any(a => a.StartsWith(prefix, StringComparison.Ordinal)) && State(pid) is not ('Z' or 'X' or null))
                    found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to read.
            }
        }
        return found;
    }

    /// <summary>The state letter of <c>/proc/{pid}/stat</c> (R, S, D, Z…), null when there is no such process.</summary>
    private static char? State(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            return end >= 0 && end + 2 < stat.Length ? stat[end + 2] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
