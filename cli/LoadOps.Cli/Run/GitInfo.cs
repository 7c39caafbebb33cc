using System.Diagnostics;

namespace LoadOps.Cli.Run;

/// <summary>The commit and branch a definition's working copy is on, when it is a git checkout.</summary>
internal static class GitInfo
{
    public static async Task<(string? Commit, string? Branch)> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        var commit = await GitAsync(folder, cancellationToken, "rev-parse", "HEAD");
        var branch = await GitAsync(folder, cancellationToken, "rev-parse", "--abbrev-ref", "HEAD");
        return (commit, branch is "HEAD" ? null : branch);
    }

    /// <summary>The URL of the <c>origin</c> remote, or null.</summary>
    public static Task<string?> OriginAsync(string folder, CancellationToken cancellationToken) =>
        GitAsync(folder, cancellationToken, "config", "--get", "remote.origin.url");

    private static async Task<string?> GitAsync(string folder, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(folder);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start);
            if (process is null)
                return null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var text = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0 && text.Trim() is { Length: > 0 } value ? value : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException or InvalidOperationException)
        {
            // No git, not a checkout, or git hung: the run goes on without commit information.
            return null;
        }
    }
}
