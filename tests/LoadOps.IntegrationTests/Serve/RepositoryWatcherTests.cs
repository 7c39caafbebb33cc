using LoadOps.Cli.Serve;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace LoadOps.IntegrationTests.Serve;

/// <summary>The GitOps loop without GitHub: new commits that touch definitions become run requests, once each, across restarts and serves.</summary>
public sealed class RepositoryWatcherTests(AzuriteFixture azurite)
{
    private const string Definition = "version: 1\nname: watched\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_new_commit_that_touches_definitions_requests_one_push_run_at_that_commit()
    {
        using var repo = new TempGitRepository();
        repo.Commit("before watching", ("loadtests/a.loadtest.yaml", Definition));
        var clients = await azurite.NewClientsAsync(Ct);
        var watcher = await NewWatcherAsync(repo, clients);

        Assert.Equal(0, await watcher.PollAsync(Ct)); // the first poll only records where watching starts
        var touches = repo.Commit("edit the test", ("loadtests/a.loadtest.yaml", Definition + "description: v2\n"));
        repo.Commit("code only", ("src/app.cs", "class App {}"));
        var policy = repo.Commit("policy", (".loadops/policy.yaml", "maxRunners: 4\n"));
        Assert.Equal(2, await watcher.PollAsync(Ct));
        Assert.Equal(0, await watcher.PollAsync(Ct));

        var requests = await ReceiveAsync(clients);
        Assert.Equal([touches, policy], requests.Select(r => r.Commit));
        var first = requests[0];
        Assert.Equal((RunTrigger.Push, ServeHost.LocalRepository, "main"), (first.Trigger, first.Repository, first.Branch));
        Assert.Equal(["loadtests/a.loadtest.yaml"], first.ChangedPaths);
        Assert.Equal([".loadops/policy.yaml"], requests[1].ChangedPaths);
    }

    [Fact]
    public async Task A_claim_left_unsent_by_a_serve_that_died_is_taken_over_once_stale_and_a_sent_one_never()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new WatchedCommitStore(clients, clock);
        await store.EnsureCreatedAsync(Ct);
        const string commit = "0123456789abcdef0123456789abcdef01234567";

        Assert.Equal(WatchedCommitStore.ClaimOutcome.Claimed, await store.TryClaimAsync("local", commit, Ct));
        Assert.Equal(WatchedCommitStore.ClaimOutcome.InFlight, await store.TryClaimAsync("local", commit, Ct));
        clock.Advance(WatchedCommitStore.StaleAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(WatchedCommitStore.ClaimOutcome.Claimed, await store.TryClaimAsync("local", commit, Ct));

        await store.MarkSentAsync("local", commit, Ct);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(WatchedCommitStore.ClaimOutcome.Sent, await store.TryClaimAsync("local", commit, Ct));
    }

    [Fact]
    public async Task A_restarted_serve_catches_up_on_commits_made_while_it_was_stopped_and_repeats_none()
    {
        using var repo = new TempGitRepository();
        repo.Commit("start", ("loadtests/a.loadtest.yaml", Definition));
        var clients = await azurite.NewClientsAsync(Ct);
        var before = await NewWatcherAsync(repo, clients);
        await before.PollAsync(Ct);
        var seen = repo.Commit("seen", ("loadtests/a.loadtest.yaml", Definition + "description: seen\n"));
        Assert.Equal(1, await before.PollAsync(Ct));

        var whileStopped1 = repo.Commit("while stopped 1", ("loadtests/b.loadtest.yaml", "version: 1\nname: b\n"));
        var whileStopped2 = repo.Commit("while stopped 2", ("loadtests/b.loadtest.yaml", "version: 1\nname: b2\n"));
        var after = await NewWatcherAsync(repo, clients);
        Assert.Equal(2, await after.PollAsync(Ct));

        Assert.Equal([seen, whileStopped1, whileStopped2], (await ReceiveAsync(clients)).Select(r => r.Commit));
    }

    [Fact]
    public async Task Two_serves_watching_the_same_repository_request_each_commit_once()
    {
        using var repo = new TempGitRepository();
        repo.Commit("start", ("loadtests/a.loadtest.yaml", Definition));
        var clients = await azurite.NewClientsAsync(Ct);
        var one = await NewWatcherAsync(repo, clients);
        var two = await NewWatcherAsync(repo, clients);
        await one.PollAsync(Ct);
        await two.PollAsync(Ct);

        var commits = Enumerable.Range(1, 3).Select(i => repo.Commit($"edit {i}", ("loadtests/a.loadtest.yaml", Definition + $"description: v{i}\n"))).ToList();
        var counts = await Task.WhenAll(one.PollAsync(Ct), two.PollAsync(Ct));

        Assert.Equal(3, counts.Sum());
        Assert.Equal(commits.Order(), (await ReceiveAsync(clients)).Select(r => r.Commit).Order());
    }

    [Fact]
    public async Task Watching_an_empty_repository_runs_its_first_commit_and_a_detached_head_is_waited_out()
    {
        using var repo = new TempGitRepository();
        var clients = await azurite.NewClientsAsync(Ct);
        var log = new List<string>();
        var watcher = await NewWatcherAsync(repo, clients, log.Add);

        Assert.Equal(0, await watcher.PollAsync(Ct));
        var first = repo.Commit("first", ("loadtests/a.loadtest.yaml", Definition));
        Assert.Equal(1, await watcher.PollAsync(Ct));
        repo.Git("checkout", "--quiet", "--detach", "HEAD");
        repo.Commit("detached", ("loadtests/a.loadtest.yaml", Definition + "description: detached\n"));
        Assert.Equal(0, await watcher.PollAsync(Ct));
        Assert.Equal(0, await watcher.PollAsync(Ct));

        Assert.Equal([first], (await ReceiveAsync(clients)).Select(r => r.Commit));
        Assert.Single(log, l => l.Contains("no commit yet", StringComparison.Ordinal));
        Assert.Single(log, l => l.Contains("HEAD is detached", StringComparison.Ordinal));
    }

    private static async Task<RepositoryWatcher> NewWatcherAsync(TempGitRepository repo, StorageClients clients, Action<string>? log = null) =>
        await RepositoryWatcher.CreateAsync(await GitClient.OpenAsync(repo.Root, Ct), clients, new StageSender(clients), ServeHost.LocalRepository, TimeProvider.System, log ?? (_ => { }), Ct);

    private static async Task<List<RunRequest>> ReceiveAsync(StorageClients clients)
    {
        var queue = new StageQueue(clients, clients.Names.Queue(StageQueueNames.Validate));
        var requests = new List<RunRequest>();
        while ((await queue.ReceiveAsync<RunRequest>(32, TimeSpan.FromMinutes(1), Ct)).Messages is { Count: > 0 } batch)
            requests.AddRange(batch.Select(m => m.Body));
        return requests;
    }
}
