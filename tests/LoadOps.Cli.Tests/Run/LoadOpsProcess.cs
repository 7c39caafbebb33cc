using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LoadOps.Cli.Tests.Run;

/// <summary>A real <c>loadops</c> process (the apphost built beside the tests, with loadops-runner next to it), bounded in time.</summary>
internal static class LoadOpsProcess
{
    private const int SigInt = 2;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public sealed record Outcome(int Exit, string Output, string Error);

    /// <param name="environment">Variables to set (a null value removes the variable) for loadops and the runners it starts.</param>
    public static async Task<Outcome> RunAsync(
        string workDirectory, IReadOnlyList<string> args, TimeSpan? interruptAfter = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "loadops.exe" : "loadops"))
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("loadops did not start");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            if (interruptAfter is { } after)
            {
                await Task.Delay(after, limit.Token);
                Assert.Equal(0, Kill(process.Id, SigInt));
            }
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"loadops {string.Join(' ', args)} did not end within {Limit}: {await error}");
        }
        return new Outcome(process.ExitCode, await output, await error);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
