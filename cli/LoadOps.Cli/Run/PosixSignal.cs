using System.Runtime.InteropServices;

namespace LoadOps.Cli.Run;

/// <summary>Sends SIGTERM to a child process: .NET only offers a hard kill, and a runner needs the chance to write its partial result.</summary>
internal static partial class PosixSignal
{
    private const int SigTerm = 15;

    /// <summary>True when the signal was sent; false on Windows or when the process is already gone.</summary>
    public static bool Terminate(int processId) =>
        !OperatingSystem.IsWindows() && Kill(processId, SigTerm) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
