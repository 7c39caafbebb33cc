using System.Diagnostics;
using System.Security.Cryptography;
using LoadOps.Cli.Serve;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Results;
using LoadOps.IntegrationTests.Pipeline;
using LoadOps.SampleTarget;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LoadOps.IntegrationTests.Serve;

/// <summary>A <c>loadops-runner</c> process killed in the middle of its shard under <c>loadops serve</c>.</summary>
public sealed class ServeRunnerKilledTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_run_is_evaluated_on_the_shard_that_arrived_flagged_incomplete_with_reports_written()
    {
        var (target, _) = SampleTargetApp.Build("http://127.0.0.1:0", new FaultSettings());
        await target.StartAsync(Ct);
        await using var __ = target;
        var baseUrl = target.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        var folder = Path.Combine(Path.GetTempPath(), "loadops-kill-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(Path.Combine(folder, "repo", "loadtests"));
        await File.WriteAllTextAsync(Path.Combine(folder, "repo", "loadtests", "kill.loadtest.yaml"), $$"""
            version: 1
            name: kill-smoke
            target: { baseUrl: {{baseUrl}} }
            load: { model: open, stages: [ { duration: 8s, rate: 10 } ] }
            scenarios:
              - name: browse
                steps:
                  - { name: list, request: GET /api/products?page=1, expect: { status: 200 } }
            runners: [ { location: local, count: 2 } ]
            """, Ct);
        var clients = await azurite.NewClientsAsync(Ct);
        var options = new ServeOptions(azurite.ConnectionString, Path.Combine(folder, "repo"), Path.Combine(folder, "out")) { NamePrefix = clients.Names.Prefix };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var output = new StringWriter();
        var serving = ServeCommand.RunAsync(options, output, output, stop.Token);
        try
        {
            await new StageSender(clients).SendAsync(PipelineRig.Request("kill-delivery"), Ct);
            var runId = RunIds.For("kill-delivery", "kill-smoke");
            var runs = new RunStore(clients, TimeProvider.System);
            var runFolder = Path.Combine(options.OutDirectory, "runs", runId);

            // Wait for both runner processes; the load starts 3 s after planning and lasts 8 s, so 5 s later they are mid-run.
            List<int> runners = [];
            for (var i = 0; i < 120 && runners.Count < 2; i++)
            {
                await Task.Delay(250, Ct);
                runners = RunnerProcessesOf(runFolder);
            }
            Assert.True(runners.Count == 2, $"expected 2 runner processes, saw {runners.Count}:{Environment.NewLine}{output}");
            await Task.Delay(TimeSpan.FromSeconds(5), Ct);
            using (var victim = Process.GetProcessById(runners[0]))
                victim.Kill();

            RunRecord? run = null;
            for (var i = 0; i < 120 && run is not { IsTerminal: true }; i++)
            {
                await Task.Delay(500, Ct);
                run = await runs.GetAsync(runId, Ct);
            }

            Assert.True(run?.Status == RunStatus.Reported, $"{run?.Status}: {run?.StatusReason}{Environment.NewLine}{output}");
            Assert.Equal((1, 1), (run!.ShardsDone, run.ShardsFailed));
            var merged = await new ResultStore(clients, TimeProvider.System).ReadResultAsync(run.ResultBlobName!, Ct);
            Assert.Equal(ResultStatus.Incomplete, merged?.Status);
            var report = Path.Combine(runFolder, "report.md");
            for (var i = 0; i < 20 && !File.Exists(report); i++)
                await Task.Delay(250, Ct);
            Assert.Contains("kill-smoke", await File.ReadAllTextAsync(report, Ct), StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            await serving;
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The ids of the <c>loadops-runner</c> processes whose command line names a spec under <paramref name="runFolder"/>.</summary>
    private static List<int> RunnerProcessesOf(string runFolder)
    {
        var found = new List<int>();
        foreach (var process in Process.GetProcesses())
        {
            using (process)
            {
                try
                {
                    var commandLine = File.ReadAllText($"/proc/{process.Id}/cmdline").Replace('\0', ' ');
                    if (commandLine.Contains("--spec " + runFolder, StringComparison.Ordinal))
                        found.Add(process.Id);
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
