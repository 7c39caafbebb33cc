using System.Security.Cryptography;
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

/// <summary><c>loadops serve</c> in this process, with real <c>loadops-runner</c> processes against the sample target.</summary>
public sealed class ServeTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_takes_a_run_request_from_the_validate_queue_to_report_files_on_disk()
    {
        var (target, _) = SampleTargetApp.Build("http://127.0.0.1:0", new FaultSettings());
        await target.StartAsync(Ct);
        await using var __ = target;
        var baseUrl = target.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        var folder = Path.Combine(Path.GetTempPath(), "loadops-serve-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(Path.Combine(folder, "repo", "loadtests"));
        await File.WriteAllTextAsync(Path.Combine(folder, "repo", "loadtests", "serve.loadtest.yaml"), $$"""
            version: 1
            name: serve-smoke
            target: { baseUrl: {{baseUrl}} }
            load: { model: open, stages: [ { duration: 2s, rate: 10 } ] }
            scenarios:
              - name: browse
                steps:
                  - { name: list, request: GET /api/products?page=1, expect: { status: 200 } }
            runners: [ { location: local, count: 1 } ]
            """, Ct);
        var clients = await azurite.NewClientsAsync(Ct);
        var options = new ServeOptions(azurite.ConnectionString, Path.Combine(folder, "repo"), Path.Combine(folder, "out")) { NamePrefix = clients.Names.Prefix };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var output = new StringWriter();
        var serving = ServeCommand.RunAsync(options, output, output, stop.Token);
        try
        {
            await new StageSender(clients).SendAsync(PipelineRig.Request("serve-delivery"), Ct);
            var runId = RunIds.For("serve-delivery", "serve-smoke");
            var runs = new RunStore(clients, TimeProvider.System);
            RunRecord? run = null;
            for (var i = 0; i < 120 && run is not { IsTerminal: true }; i++)
            {
                await Task.Delay(500, Ct);
                run = await runs.GetAsync(runId, Ct);
            }

            Assert.True(run?.Status == RunStatus.Reported, $"{run?.Status}: {run?.StatusReason}{Environment.NewLine}{output}");
            var report = Path.Combine(options.OutDirectory, "runs", runId, "report.md");
            // Serve says so once every report file is written; a file that merely exists may still be being written.
            bool Copied()
            {
                lock (output)
                    return output.ToString().Contains($"run {runId}: ", StringComparison.Ordinal) && output.ToString().Contains("reports in", StringComparison.Ordinal);
            }
            for (var i = 0; i < 20 && !Copied(); i++)
                await Task.Delay(250, Ct);
            Assert.Contains("serve-smoke", await File.ReadAllTextAsync(report, Ct), StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            await serving;
            Directory.Delete(folder, recursive: true);
        }
    }
}
