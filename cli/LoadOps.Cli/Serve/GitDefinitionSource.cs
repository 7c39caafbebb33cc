using LoadOps.Pipeline;

namespace LoadOps.Cli.Serve;

/// <summary>
/// Definitions as they are in a commit of a local git repository (<c>loadops serve --watch-repo</c>): listed with
/// <c>git ls-tree</c> and read with <c>git cat-file blob COMMIT:PATH</c>, never from the working tree, so a run reads
/// exactly what was committed. A request without a commit (a scheduled run) reads the checked-out branch's head.
/// The request's repository name is not checked: this source serves the one repository it was opened on.
/// </summary>
internal sealed class GitDefinitionSource(GitClient git) : IDefinitionSource
{
    private const string Head = "HEAD";

    public async Task<IReadOnlyList<string>> ListAsync(string repository, string? commit, CancellationToken cancellationToken)
    {
        var revision = Revision(commit);
        var listing = await git.RunAsync(
            ["ls-tree", "-r", "-z", "--name-only", "--full-tree", revision, "--", LocalDefinitionSource.DefinitionsFolder], cancellationToken);
        if (listing.ExitCode != 0)
        {
            await EnsureCommitExistsAsync(revision, cancellationToken);
            return [];
        }
        return listing.NulSeparated().Where(IsDefinition).Order(StringComparer.Ordinal).ToList();
    }

    public async Task<string?> ReadAsync(string repository, string? commit, string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.StartsWith('/') || path.Split('/').Contains(".."))
            throw new ArgumentException($"'{path}' is outside the repository.", nameof(path));
        var revision = Revision(commit);
        // Size first: a huge committed file must not be read whole. A stand-in just over the limit gets the same LO001.
        var tooLarge = new string(' ', Core.Validation.DefinitionValidator.MaxFileBytes + 1);
        var size = await git.RunAsync(["cat-file", "-s", $"{revision}:{path}"], cancellationToken);
        if (size.ExitCode == 0 && long.TryParse(size.Output.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var bytes) && bytes > Core.Validation.DefinitionValidator.MaxFileBytes)
            return tooLarge;
        // Bounded too: HEAD may have moved to a larger file since the size was asked.
        var blob = await git.RunAsync(["cat-file", "blob", $"{revision}:{path}"], Core.Validation.DefinitionValidator.MaxFileBytes + 1, cancellationToken);
        if (blob.Truncated)
            return tooLarge;
        if (blob.ExitCode == 0)
            return blob.Output;
        await EnsureCommitExistsAsync(revision, cancellationToken);
        return null;
    }

    /// <summary>Commit names are hex object ids (or HEAD): anything else could be read by git as an option or a range.</summary>
    private static string Revision(string? commit)
    {
        if (string.IsNullOrEmpty(commit))
            return Head;
        if (commit.Length is < 4 or > 64 || !commit.All(char.IsAsciiHexDigit))
            throw new GitException($"'{commit}' is not a commit id (4 to 64 hex digits).");
        return commit;
    }

    /// <summary>A named commit that does not exist is an error; HEAD of a repository without commits simply has no files.</summary>
    private async Task EnsureCommitExistsAsync(string revision, CancellationToken cancellationToken)
    {
        if (revision == Head)
            return;
        var check = await git.RunAsync(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], cancellationToken);
        if (check.ExitCode != 0)
            throw new GitException($"commit {revision} is not in {git.Root}; was the repository's history rewritten or is the request for another repository?");
    }

    private static bool IsDefinition(string path) =>
        path.EndsWith(".loadtest.yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".loadtest.yml", StringComparison.OrdinalIgnoreCase);
}
