using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using LoadOps.Cli.Serve;
using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;
using LoadOps.Testing;

namespace LoadOps.IntegrationTests.Serve;

/// <summary>
/// Real <c>loadops serve --watch-repo</c> processes SIGKILLed at random moments while commits start runs and real local
/// runners load a sample target on 127.0.0.1. Before, a killed serve lost the results of runners that had finished
/// (12 of 24 runs failed with no report): serve reported on their behalf. Every other kill waits (bounded) for runners
/// to be at work. The kills, timings and every serve's output go to <c>{temp}/loadops-chaos-{seed}.log</c>; set
/// <c>LOADOPS_CHAOS_SEED</c> to replay a seed.
/// </summary>
public sealed class ServeChaosTests(AzuriteFixture azurite)
{
    private const int Commits = 8;
    private const int Kills = 5;
    private const string Test = "chaos-smoke";
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Regression_runs_survive_serve_being_killed_five_times_with_one_report_each_and_no_runner_left()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LOADOPS_CHAOS_SEED"), CultureInfo.InvariantCulture, out var given) ? given : Environment.TickCount;
        var random = new Random(seed);
        TestContext.Current.TestOutputHelper?.WriteLine($"chaos seed {seed} (LOADOPS_CHAOS_SEED={seed} replays it)");
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bounded.CancelAfter(Bound);
        var ct = bounded.Token;
        var watch = Stopwatch.StartNew();

        await using var target = await SampleTargetHost.StartAsync();
        using var repo = new TempGitRepository();
        repo.Commit("start", ("README.md", "a service\n"));
        var clients = await azurite.NewClientsAsync(ct);
        var outDirectory = Path.Combine(repo.Root, ".out");
        var runsFolder = Path.Combine(outDirectory, "runs");
        string[] arguments = ["--watch-repo", repo.Root, "--out", outDirectory, "--name-prefix", clients.Names.Prefix, "--listen", "none", "--lease", "4s"];
        var log = new StringBuilder();
        var generation = 0;
        var serve = ServeProcess.Start(arguments, azurite.ConnectionString, log, $"serve {generation}");
        var commits = new List<string>();
        var notes = new List<string>();
        try
        {
            Assert.True(await serve.WaitForAsync("watch-repo: watching main", TimeSpan.FromSeconds(60), ct), "serve did not start watching:\n" + ServeProcess.Text(log));
            var committing = CommitAsync(repo, target.BaseUrl, commits, new Random(random.Next()), ct);
            for (var kill = 1; kill <= Kills; kill++)
            {
                // Every other kill waits for runners to be at work, so a serve always dies under some of them.
                for (var i = 0; kill % 2 == 0 && i < 100 && DetachedProcess.WithArgumentUnder(runsFolder).Count == 0; i++)
                    await Task.Delay(200, ct);
                await Task.Delay(TimeSpan.FromMilliseconds(kill % 2 == 0 ? random.Next(0, 1_500) : random.Next(1_500, 5_000)), ct);
                var alive = DetachedProcess.WithArgumentUnder(runsFolder).Count;
                await serve.KillAsync(ct);
                notes.Add($"kill {kill} at {watch.Elapsed.TotalSeconds:0.0} s with {alive} runner process(es) alive");
                serve.Dispose();
                serve = ServeProcess.Start(arguments, azurite.ConnectionString, log, $"serve {++generation}");
            }
            await committing;

            var runs = new RunStore(clients, TimeProvider.System);
            var runIds = commits.Select(c => RunIds.For("watch-" + c, Test)).ToList();
            var final = new Dictionary<string, RunRecord?>();
            while (true)
            {
                foreach (var runId in runIds)
                    final[runId] = await runs.GetAsync(runId, ct);
                if (final.Values.All(r => r is { IsTerminal: true }))
                    break;
                Assert.False(ct.IsCancellationRequested, "unreachable");
                await Task.Delay(500, ct);
            }
            await serve.KillAsync(ct);
            var leftover = await RunnersLeftAsync(runsFolder, ct);
            notes.Add($"all {Commits} runs final at {watch.Elapsed.TotalSeconds:0.0} s");
            var story = $"seed {seed}; {string.Join("; ", notes)}{Environment.NewLine}{ServeProcess.Text(log)}";
            TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, notes));
            // Kept for whoever reads a run of this test: the kills, the timings and what every serve said.
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), $"loadops-chaos-{seed}.log"), story, CancellationToken.None);

            foreach (var (runId, run) in final)
            {
                Assert.True(run!.Status == RunStatus.Reported, $"{runId}: {run.Status}: {run.StatusReason}\n{story}");
                Assert.True((run.ShardsDone, run.ShardsMissing, run.ShardsFailed) == (run.ShardCount, 0, 0), $"{runId}: {run.ShardsDone} of {run.ShardCount} shards done, {run.ShardsMissing} missing, {run.ShardsFailed} failed: {run.StatusReason}\n{story}");
                Assert.True(File.Exists(Path.Combine(outDirectory, "runs", runId, "report.md")), $"{runId} has no report.md\n{story}");
                Assert.Single(await runs.ListByRequestAsync(run.RequestId!, ct));
            }
            var stored = 0;
            await foreach (var _ in clients.Tables.GetTableClient(clients.Names.RunsTable).QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: ct))
                stored++;
            Assert.Equal(Commits, stored);
            Assert.True(leftover.Count == 0, $"runner processes left: {string.Join(", ", leftover)}\n{story}");
        }
        catch (OperationCanceledException) when (bounded.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"gave up after {Bound.TotalMinutes} min (seed {seed}); {string.Join("; ", notes)}; commits {commits.Count}{Environment.NewLine}{ServeProcess.Text(log)}");
        }
        finally
        {
            await serve.KillAsync(CancellationToken.None);
            serve.Dispose();
            foreach (var pid in DetachedProcess.WithArgumentUnder(runsFolder))
                Process.GetProcessById(pid).Kill();
        }
    }

    /// <summary>Eight commits that each change the definition (so each starts one run), 0.8 to 2 s apart.</summary>
    private static async Task CommitAsync(TempGitRepository repo, string baseUrl, List<string> commits, Random random, CancellationToken cancellationToken)
    {
        for (var i = 0; i < Commits; i++)
        {
            commits.Add(repo.Commit($"load test, take {i}", ("loadtests/chaos.loadtest.yaml", SmokeDefinition.Yaml(Test, baseUrl, runners: 2) + $"description: take {i}\n")));
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(800, 2_000)), cancellationToken);
        }
    }

    /// <summary>Runner processes working under the runs folder, once they have had 20 s to end after reporting.</summary>
    private static async Task<IReadOnlyList<int>> RunnersLeftAsync(string runsFolder, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 40 && DetachedProcess.WithArgumentUnder(runsFolder).Count > 0; i++)
            await Task.Delay(500, cancellationToken);
        return DetachedProcess.WithArgumentUnder(runsFolder);
    }
}
