using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace LoadOps.Cli.Serve;

/// <summary>
/// Runs <c>git</c> as a child process in one repository, each argument passed as is (no shell, so paths and commit
/// names are never interpreted). <see cref="OpenAsync"/> checks the folder first and says what is wrong in words.
/// </summary>
internal sealed class GitClient
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Output kept from one command unless it asks for less; listings of a large repository fit well within it.</summary>
    public const int DefaultMaxOutputChars = 16 * 1024 * 1024;

    private GitClient(string root) => Root = root;

    /// <summary>The repository's top-level folder.</summary>
    public string Root { get; }

    /// <summary>The git repository at (or above) <paramref name="path"/>; <see cref="GitException"/> with a fix-it message otherwise.</summary>
    public static async Task<GitClient> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
            throw new GitException($"{full} does not exist; pass --watch-repo the folder of a git repository.");
        var probe = new GitClient(full);
        var result = await probe.RunAsync(["rev-parse", "--is-bare-repository", "--show-toplevel"], cancellationToken);
        if (result.ExitCode != 0)
            throw new GitException($"{full} is not a git repository ({result.FirstErrorLine}); run `git init` there or pass --watch-repo the repository's folder.");
        var lines = result.Lines();
        if (lines.Count > 0 && lines[0] == "true")
            throw new GitException($"{full} is a bare repository; --watch-repo needs a repository with a checked-out branch.");
        return new GitClient(lines.Count > 1 ? lines[1] : full);
    }

    /// <summary>
    /// Runs <c>git ARGS</c> in the repository; throws <see cref="GitException"/> when git itself cannot be started.
    /// Standard output is read up to <paramref name="maxOutputChars"/>: past it git is stopped and the result is
    /// <see cref="GitResult.Truncated"/>, so a huge committed file is never held whole.
    /// </summary>
    public Task<GitResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(arguments, DefaultMaxOutputChars, cancellationToken);

    /// <inheritdoc cref="RunAsync(IReadOnlyList{string}, CancellationToken)"/>
    public async Task<GitResult> RunAsync(IReadOnlyList<string> arguments, int maxOutputChars, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["LC_ALL"] = "C";
        start.ArgumentList.Add("--no-pager");
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new GitException("git could not be started.");
        }
        catch (Win32Exception e)
        {
            throw new GitException($"git could not be started ({e.Message}); install git (apt-get install git) and make sure it is on PATH.");
        }

        using (process)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(CommandTimeout);
            process.StandardInput.Close();
            var output = ReadBoundedAsync(process.StandardOutput, maxOutputChars, timeout.Token);
            var error = ReadBoundedAsync(process.StandardError, 64 * 1024, timeout.Token);
            try
            {
                var (text, truncated) = await output;
                if (truncated)
                    process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(timeout.Token);
                return new GitResult(truncated ? -1 : process.ExitCode, text, (await error).Text) { Truncated = truncated };
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (cancellationToken.IsCancellationRequested)
                    throw;
                throw new GitException($"git {string.Join(' ', arguments)} did not finish within {CommandTimeout.TotalSeconds} s in {Root}.");
            }
        }
    }

    /// <summary>Up to <paramref name="limit"/> characters of <paramref name="reader"/>; true when there was more.</summary>
    private static async Task<(string Text, bool Truncated)> ReadBoundedAsync(StreamReader reader, int limit, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var chunk = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (text.Length + read > limit)
            {
                text.Append(chunk, 0, limit - text.Length);
                return (text.ToString(), true);
            }
            text.Append(chunk, 0, read);
        }
        return (text.ToString(), false);
    }

    /// <summary>Runs git and returns its output; a non-zero exit becomes a <see cref="GitException"/> naming the command.</summary>
    public async Task<string> OutputAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await RunAsync(arguments, cancellationToken);
        if (result.ExitCode != 0)
            throw new GitException($"git {string.Join(' ', arguments)} failed in {Root} (exit {result.ExitCode}): {result.FirstErrorLine}");
        return result.Output;
    }
}
