using LoadOps.Cli.Serve;
using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;
using LoadOps.Testing;

namespace LoadOps.IntegrationTests.Serve;

/// <summary><c>loadops serve --watch-repo</c> end to end: a commit becomes a reported run of the definition as committed.</summary>
public sealed class ServeWatchRepoTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_commit_that_adds_a_definition_is_run_at_that_commit_even_if_the_working_tree_changed_since()
    {
        await using var target = await SampleTargetHost.StartAsync();
        using var repo = new TempGitRepository();
        repo.Commit("start", ("README.md", "a service\n"));
        var clients = await azurite.NewClientsAsync(Ct);
        var options = new ServeOptions(azurite.ConnectionString, repo.Root, Path.Combine(repo.Root, ".out"))
        {
            NamePrefix = clients.Names.Prefix,
            WatchRepository = repo.Root,
            WatchInterval = TimeSpan.FromMilliseconds(300),
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var output = new StringWriter();
        var serving = ServeCommand.RunAsync(options, output, output, stop.Token);
        try
        {
            await WaitForAsync(() => Text(output).Contains("watch-repo: watching main", StringComparison.Ordinal), output);
            var commit = repo.Commit("add a load test", ("loadtests/watched.loadtest.yaml", SmokeDefinition.Yaml("watched-smoke", target.BaseUrl)));
            // An uncommitted edit that would make the definition invalid: the run must not see it.
            await File.WriteAllTextAsync(Path.Combine(repo.Root, "loadtests", "watched.loadtest.yaml"), "version: 1\nname: watched-smoke\nscenarois: []\n", Ct);

            var runs = new RunStore(clients, TimeProvider.System);
            var runId = RunIds.For("watch-" + commit, "watched-smoke");
            RunRecord? run = null;
            await WaitForAsync(async () => (run = await runs.GetAsync(runId, Ct)) is { IsTerminal: true }, output);

            Assert.True(run!.Status == RunStatus.Reported, $"{run.Status}: {run.StatusReason}{Environment.NewLine}{Text(output)}");
            Assert.Equal((commit, "main", ServeHost.LocalRepository), (run.Commit, run.Branch, run.Repo));
        }
        finally
        {
            await stop.CancelAsync();
            await serving;
        }
    }

    [Fact]
    public async Task Serve_refuses_a_watch_repo_that_is_not_a_git_repository()
    {
        var folder = Path.Combine(Path.GetTempPath(), "loadops-nogit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var error = new StringWriter();
            var exit = await ServeCommand.RunAsync(new ServeOptions(azurite.ConnectionString, folder, Path.Combine(folder, "out")) { WatchRepository = folder }, TextWriter.Null, error, Ct);

            Assert.Equal(2, exit);
            Assert.Contains($"{folder} is not a git repository", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Text(StringWriter writer)
    {
        lock (writer)
            return writer.ToString();
    }

    private static Task WaitForAsync(Func<bool> condition, StringWriter output) => WaitForAsync(() => Task.FromResult(condition()), output);

    private static async Task WaitForAsync(Func<Task<bool>> condition, StringWriter output)
    {
        for (var i = 0; i < 240; i++)
        {
            if (await condition())
                return;
            await Task.Delay(250, Ct);
        }
        throw new TimeoutException("Gave up after 60 s. Serve said:" + Environment.NewLine + Text(output));
    }
}
