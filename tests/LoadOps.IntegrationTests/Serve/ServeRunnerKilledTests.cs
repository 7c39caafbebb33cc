using System.Diagnostics;
using LoadOps.Cli.Serve;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Results;
using LoadOps.IntegrationTests.Pipeline;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Serve;

/// <summary>
/// A <c>loadops-runner</c> process killed (SIGKILL) in the middle of its shard under <c>loadops serve</c>: it cannot
/// report itself, so serve settles it from what it left.
/// </summary>
public sealed class ServeRunnerKilledTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_runner_killed_before_its_first_snapshot_fails_its_shard_and_the_run_is_reported_incomplete()
    {
        var (run, merged, report, _) = await RunAndKillAsync(afterFirstSnapshot: false);

        Assert.Equal((1, 1), (run.ShardsDone, run.ShardsFailed));
        Assert.Equal(ResultStatus.Incomplete, merged.Status);
        Assert.Contains("kill-smoke", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runner_killed_mid_load_keeps_its_last_snapshot_as_a_partial_shard_and_the_run_is_flagged()
    {
        var (run, merged, report, victim) = await RunAndKillAsync(afterFirstSnapshot: true);

        Assert.Equal((2, 0), (run.ShardsDone, run.ShardsFailed));
        Assert.Equal(ResultStatus.Partial, merged.Status);
        Assert.Contains(merged.TrustIssues, i => i.Code == "shard-partial" && i.ShardId == victim);
        Assert.Contains("kill-smoke", report, StringComparison.Ordinal);
    }

    /// <summary>
    /// Serves a 2-runner, 8-second run and SIGKILLs one <c>loadops-runner</c> process: as soon as both are up (before
    /// the load starts, so no snapshot exists), or once the victim wrote its first 5-second interim snapshot.
    /// Returns the terminal run, its merged result, its report.md from disk and the killed shard's id.
    /// </summary>
    private async Task<(RunRecord Run, ResultFile Merged, string Report, string Victim)> RunAndKillAsync(bool afterFirstSnapshot)
    {
        await using var scene = await ServeScene.StartAsync("kill-smoke", Ct, seconds: 8, runners: 2);
        var clients = await azurite.NewClientsAsync(Ct);
        var options = new ServeOptions(azurite.ConnectionString, scene.Repository, scene.Out) { NamePrefix = clients.Names.Prefix };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var output = new StringWriter();
        var serving = ServeCommand.RunAsync(options, output, output, stop.Token);
        try
        {
            await new StageSender(clients).SendAsync(PipelineRig.Request("kill-delivery"), Ct);
            var runId = RunIds.For("kill-delivery", "kill-smoke");
            var runFolder = Path.Combine(options.OutDirectory, "runs", runId);

            List<(int Pid, string ShardFolder, string Snapshot)> runners = [];
            for (var i = 0; i < 240 && runners.Count < 2; i++)
            {
                await Task.Delay(100, Ct);
                runners = RunnerProcessesOf(runFolder);
            }
            Assert.True(runners.Count == 2, $"expected 2 runner processes, saw {runners.Count}:{Environment.NewLine}{output}");
            var (pid, shardFolder, snapshot) = runners[0];
            if (afterFirstSnapshot)
            {
                for (var i = 0; i < 200 && !File.Exists(snapshot); i++)
                    await Task.Delay(50, Ct);
                Assert.True(File.Exists(snapshot), "no interim snapshot within 10 s:" + Environment.NewLine + output);
            }
            else
            {
                Assert.False(File.Exists(snapshot), "the runner wrote a snapshot before it could be killed");
            }
            using (var victim = Process.GetProcessById(pid))
                victim.Kill();

            var run = await ServeScene.WaitForEndAsync(new RunStore(clients, TimeProvider.System), runId, 120, Ct);
            Assert.True(run?.Status == RunStatus.Reported, $"{run?.Status}: {run?.StatusReason}{Environment.NewLine}{output}");
            var merged = await new ResultStore(clients, TimeProvider.System).ReadResultAsync(run!.ResultBlobName!, Ct);
            var report = Path.Combine(runFolder, "report.md");
            for (var i = 0; i < 20 && !File.Exists(report); i++)
                await Task.Delay(250, Ct);
            return (run, merged!, await File.ReadAllTextAsync(report, Ct), Path.GetFileName(shardFolder));
        }
        finally
        {
            await stop.CancelAsync();
            await serving;
        }
    }

    /// <summary>
    /// The <c>loadops-runner</c> processes whose command line names a work folder under <paramref name="runFolder"/>, with
    /// their shard folders and where their interim snapshot goes (<c>work/shards/{shardId}/result.json</c>).
    /// </summary>
    private static List<(int Pid, string ShardFolder, string Snapshot)> RunnerProcessesOf(string runFolder)
    {
        var found = new List<(int, string, string)>();
        foreach (var process in Process.GetProcesses())
        {
            using (process)
            {
                try
                {
                    var arguments = File.ReadAllText($"/proc/{process.Id}/cmdline").Split('\0');
                    var work = Array.IndexOf(arguments, "--out");
                    if (arguments.Contains("--work-env") && work >= 0 && work + 1 < arguments.Length && arguments[work + 1].StartsWith(runFolder, StringComparison.Ordinal))
                    {
                        var shardFolder = Path.GetDirectoryName(arguments[work + 1])!;
                        found.Add((process.Id, shardFolder, Path.Combine(arguments[work + 1], "shards", Path.GetFileName(shardFolder), "result.json")));
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The process ended while we looked.
                }
            }
        }
        return found;
    }
}
