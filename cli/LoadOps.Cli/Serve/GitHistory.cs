namespace LoadOps.Cli.Serve;

/// <summary>The questions <see cref="RepositoryWatcher"/> asks a repository's history, each one <c>git</c> command.</summary>
internal sealed class GitHistory(GitClient git)
{
    /// <summary>The checked-out commit and branch; null before the first commit, branch null when HEAD is detached.</summary>
    public async Task<(string Commit, string? Branch)?> HeadAsync(CancellationToken cancellationToken)
    {
        var head = await git.RunAsync(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], cancellationToken);
        if (head.ExitCode != 0 || head.Lines().Count == 0)
            return null;
        var branch = await git.RunAsync(["symbolic-ref", "--quiet", "--short", "HEAD"], cancellationToken);
        return (head.Lines()[0], branch.ExitCode == 0 && branch.Lines().Count > 0 ? branch.Lines()[0] : null);
    }

    /// <summary>True when <paramref name="commit"/> names a commit of this repository (it may be gone after a rewrite).</summary>
    public async Task<bool> IsCommitAsync(string commit, CancellationToken cancellationToken) =>
        (await git.RunAsync(["rev-parse", "--verify", "--quiet", commit + "^{commit}"], cancellationToken)).ExitCode == 0;

    /// <summary>
    /// The commits reachable from <paramref name="head"/> but from none of <paramref name="known"/>, oldest first; at most
    /// <paramref name="limit"/> (the newest ones).
    /// </summary>
    public async Task<IReadOnlyList<string>> CommitsSinceAsync(string head, IReadOnlyCollection<string> known, int limit, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "rev-list", "--reverse", $"--max-count={limit}", head };
        if (known.Count > 0)
        {
            arguments.Add("--not");
            arguments.AddRange(known);
        }
        arguments.Add("--");
        return (await git.OutputAsync(arguments, cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>The paths a commit changed against its first parent (every path, for a root commit).</summary>
    public async Task<IReadOnlyList<string>> ChangedPathsAsync(string commit, CancellationToken cancellationToken)
    {
        var parents = (await git.OutputAsync(["rev-list", "--parents", "--max-count=1", commit, "--"], cancellationToken))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var changed = parents.Length > 1
            ? await git.OutputAsync(["diff-tree", "-r", "-z", "--no-renames", "--name-only", parents[1], commit, "--"], cancellationToken)
            : await git.OutputAsync(["ls-tree", "-r", "-z", "--name-only", "--full-tree", commit], cancellationToken);
        return changed.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }
}
