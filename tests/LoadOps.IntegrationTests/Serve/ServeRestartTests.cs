using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using LoadOps.Cli.Serve;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.IntegrationTests.Pipeline;
using LoadOps.SampleTarget;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LoadOps.IntegrationTests.Serve;

/// <summary>What a restarted <c>loadops serve</c> process makes of the runners a killed one left.</summary>
public sealed class ServeRestartTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_runner_that_died_while_serve_was_down_is_found_by_the_restarted_serve_and_fails_its_shard_with_the_reason()
    {
        var (target, _) = SampleTargetApp.Build("http://127.0.0.1:0", new FaultSettings());
        await target.StartAsync(Ct);
        await using var __ = target;
        var baseUrl = target.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        var folder = Path.Combine(Path.GetTempPath(), "loadops-restart-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(Path.Combine(folder, "repo", "loadtests"));
        await File.WriteAllTextAsync(Path.Combine(folder, "repo", "loadtests", "restart.loadtest.yaml"), $$"""
            version: 1
            name: restart-smoke
            target: { baseUrl: {{baseUrl}} }
            load: { model: open, stages: [ { duration: 6s, rate: 10 } ] }
            scenarios:
              - name: browse
                steps:
                  - { name: list, request: GET /api/products?page=1, expect: { status: 200 } }
            runners: [ { location: local, count: 2 } ]
            """, Ct);
        var clients = await azurite.NewClientsAsync(Ct);
        var runsFolder = Path.Combine(folder, "out", "runs");
        string[] arguments = ["--repo", Path.Combine(folder, "repo"), "--out", Path.Combine(folder, "out"), "--name-prefix", clients.Names.Prefix, "--listen", "none", "--lease", "3s"];
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
            RunRecord? run = null;
            for (var i = 0; i < 180 && run is not { IsTerminal: true }; i++)
            {
                await Task.Delay(500, Ct);
                run = await runs.GetAsync(runId, Ct);
            }

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
            Directory.Delete(folder, recursive: true);
        }
    }
}
