using System.Diagnostics;
using System.Text;
using LoadOps.Cli.Serve;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.IntegrationTests.Pipeline;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Serve;

/// <summary>What a restarted <c>loadops serve</c> process makes of the runners a killed one left.</summary>
public sealed class ServeRestartTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_runner_that_died_while_serve_was_down_is_found_by_the_restarted_serve_and_fails_its_shard_with_the_reason()
    {
        await using var scene = await ServeScene.StartAsync("restart-smoke", Ct, seconds: 6, runners: 2);
        var clients = await azurite.NewClientsAsync(Ct);
        var runsFolder = Path.Combine(scene.Out, "runs");
        string[] arguments = ["--repo", scene.Repository, "--out", scene.Out, "--name-prefix", clients.Names.Prefix, "--listen", "none", "--lease", "3s"];
        var log = new StringBuilder();
        var serve = ServeProcess.Start(arguments, azurite.ConnectionString, log, "serve 0");
        try
        {
            await new StageSender(clients).SendAsync(PipelineRig.Request("restart-delivery"), Ct);
            IReadOnlyList<int> runners = [];
            for (var i = 0; i < 300 && runners.Count < 2; i++)
            {
                await Task.Delay(100, Ct);
                runners = DetachedProcess.WithArgumentUnder(runsFolder);
            }
            Assert.True(runners.Count == 2, $"expected 2 runners, saw {runners.Count}:\n{ServeProcess.Text(log)}");

            await serve.KillAsync(Ct);
            serve.Dispose();
            using (var victim = Process.GetProcessById(runners[0]))
                victim.Kill();
            serve = ServeProcess.Start(arguments, azurite.ConnectionString, log, "serve 1");

            var runs = new RunStore(clients, TimeProvider.System);
            var runId = RunIds.For("restart-delivery", "restart-smoke");
            var run = await ServeScene.WaitForEndAsync(runs, runId, 180, Ct);

            Assert.True(run?.Status == RunStatus.Reported, $"{run?.Status}: {run?.StatusReason}\n{ServeProcess.Text(log)}");
            Assert.Equal((1, 1, 0), (run!.ShardsDone, run.ShardsFailed, run.ShardsMissing));
            var failed = Assert.Single(await new ShardStore(clients, runs, TimeProvider.System).ListAsync(runId, Ct), s => s.Status == ShardStatus.Failed);
            Assert.Contains("without a result; see ", failed.StatusReason, StringComparison.Ordinal);
            Assert.Contains("local runner(s) started by an earlier serve are followed again", ServeProcess.Text(log), StringComparison.Ordinal);
            for (var i = 0; i < 40 && DetachedProcess.WithArgumentUnder(runsFolder).Count > 0; i++)
                await Task.Delay(250, Ct);
            Assert.Empty(DetachedProcess.WithArgumentUnder(runsFolder));
        }
        finally
        {
            await serve.KillAsync(CancellationToken.None);
            serve.Dispose();
            foreach (var pid in DetachedProcess.WithArgumentUnder(runsFolder))
                Process.GetProcessById(pid).Kill();
        }
    }
}
