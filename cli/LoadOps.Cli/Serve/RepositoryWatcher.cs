using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Policy;
using LoadOps.Pipeline;

namespace LoadOps.Cli.Serve;

/// <summary>
/// The GitOps loop without GitHub (<c>loadops serve --watch-repo PATH</c>): each poll looks at the checked-out branch
/// and sends one <see cref="RunRequest"/> (trigger push) for every new commit that touches a definition
/// (<c>loadtests/**/*.loadtest.y(a)ml</c>) or the policy (<c>.loadops/policy.yaml</c>). New means reachable from the
/// head but from no head seen before (kept in storage, so a restart catches up on the commits made while stopped);
/// the very first poll of a repository only records where watching starts (unless it had no commit yet: then its
/// first commits are new). Each commit is claimed in storage before its request is sent, so two serves on the same
/// storage start its run once.
/// </summary>
internal sealed class RepositoryWatcher(GitHistory history, WatchedCommitStore store, IStageBus sender, string repository, Action<string> log)
{
    /// <summary>How many new commits one poll looks at (the newest ones); older ones in a larger jump are skipped.</summary>
    public const int MaxCommitsPerPoll = 50;

    private string? _lastHead;

    /// <summary>A watcher of the repository <paramref name="git"/> is open on, its storage table created; runs are recorded under <paramref name="repository"/>.</summary>
    public static async Task<RepositoryWatcher> CreateAsync(
        GitClient git, StorageClients clients, IStageBus sender, string repository, TimeProvider clock, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(git);
        var store = new WatchedCommitStore(clients, clock);
        await store.EnsureCreatedAsync(cancellationToken);
        return new RepositoryWatcher(new GitHistory(git), store, sender, repository, log);
    }

    private string? _lastNote;
    private bool _sawNoCommit;

    /// <summary>Looks for new commits and requests their runs; returns how many runs were requested.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await PollOnceAsync(cancellationToken);
        }
        catch (GitException e)
        {
            Note("watch-repo: " + e.Message);
            return 0;
        }
    }

    private async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        if (await history.HeadAsync(cancellationToken) is not { } current)
        {
            Note("watch-repo: no commit yet; runs start from the first commit that touches loadtests/");
            _sawNoCommit = true;
            return 0;
        }
        var (head, branch) = current;
        if (branch is null)
        {
            Note($"watch-repo: HEAD is detached at {Short(head)}; runs start only from commits on a checked-out branch");
            return 0;
        }
        if (head == _lastHead)
            return 0;

        var known = new List<string>();
        foreach (var seen in await store.HeadsAsync(repository, cancellationToken))
        {
            if (await history.IsCommitAsync(seen, cancellationToken))
                known.Add(seen);
        }

        var requested = 0;
        if (known.Count == 0 && !_sawNoCommit)
        {
            log($"watch-repo: watching {branch} from {Short(head)}; each later commit that touches definitions starts a run");
        }
        else
        {
            foreach (var commit in await history.CommitsSinceAsync(head, known, MaxCommitsPerPoll, cancellationToken))
            {
                var outcome = await ConsiderAsync(commit, branch, cancellationToken);
                if (outcome is null)
                    return requested; // another serve is sending it (or died doing so): stay before it and look again
                requested += outcome.Value ? 1 : 0;
            }
        }

        await store.SetHeadAsync(repository, branch, head, cancellationToken);
        _lastHead = head;
        return requested;
    }

    /// <summary>True when this call requested the commit's run, false when there was nothing to do, null when another serve holds an unsent claim.</summary>
    private async Task<bool?> ConsiderAsync(string commit, string branch, CancellationToken cancellationToken)
    {
        var touched = (await history.ChangedPathsAsync(commit, cancellationToken)).Where(IsWatched).ToList();
        if (touched.Count == 0)
            return false;
        switch (await store.TryClaimAsync(repository, commit, cancellationToken))
        {
            case WatchedCommitStore.ClaimOutcome.Sent:
                log($"watch-repo: commit {Short(commit)} on {branch} was already started by another serve");
                return false;
            case WatchedCommitStore.ClaimOutcome.InFlight:
                return null;
        }

        try
        {
            await sender.SendAsync(RequestFor(repository, commit, branch, touched), cancellationToken);
        }
        catch
        {
            // Not sent: give the commit back so the next poll (this serve's or another's) requests it.
            await store.ReleaseAsync(repository, commit, CancellationToken.None);
            throw;
        }
        await store.MarkSentAsync(repository, commit, cancellationToken);
        log($"watch-repo: commit {Short(commit)} on {branch} changed {string.Join(", ", touched)}: run requested");
        return true;
    }

    /// <summary>The request for one commit; its id is derived from the commit, so a repeated request finds the same runs.</summary>
    public static RunRequest RequestFor(string repository, string commit, string branch, IReadOnlyList<string> changedPaths) => new()
    {
        RequestId = "watch-" + commit,
        Trigger = RunTrigger.Push,
        Repository = repository,
        Commit = commit,
        Branch = branch,
        ChangedPaths = changedPaths,
    };

    /// <summary>True for a definition under <c>loadtests/</c> or the repository's policy file.</summary>
    public static bool IsWatched(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path == LoadPolicy.RepositoryPath ||
            (path.StartsWith(LocalDefinitionSource.DefinitionsFolder + "/", StringComparison.Ordinal) &&
             (path.EndsWith(".loadtest.yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".loadtest.yml", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Logs a waiting state once, not on every poll.</summary>
    private void Note(string line)
    {
        if (line == _lastNote)
            return;
        _lastNote = line;
        log(line);
    }

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;
}
