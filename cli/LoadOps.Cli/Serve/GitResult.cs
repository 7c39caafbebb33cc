namespace LoadOps.Cli.Serve;

/// <summary>What one <c>git</c> command printed and how it exited.</summary>
internal sealed record GitResult(int ExitCode, string Output, string Error)
{
    /// <summary>The output was longer than the command's bound: git was stopped and <see cref="Output"/> holds the start only.</summary>
    public bool Truncated { get; init; }

    /// <summary>The first line git wrote to standard error, for messages ("fatal: not a git repository ...").</summary>
    public string FirstErrorLine => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit code {ExitCode}";

    /// <summary>The non-empty output lines.</summary>
    public IReadOnlyList<string> Lines() => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The NUL-separated entries of a <c>-z</c> output (paths with any character in them).</summary>
    public IReadOnlyList<string> NulSeparated() => Output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
}
