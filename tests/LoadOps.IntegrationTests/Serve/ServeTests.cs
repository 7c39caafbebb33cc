using LoadOps.Cli.Serve;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.IntegrationTests.Pipeline;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Serve;

/// <summary><c>loadops serve</c> in this process, with real <c>loadops-runner</c> processes against the sample target.</summary>
public sealed class ServeTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_takes_a_run_request_from_the_validate_queue_to_report_files_on_disk()
    {
        await using var scene = await ServeScene.StartAsync("serve-smoke", Ct);
        var clients = await azurite.NewClientsAsync(Ct);
        var options = new ServeOptions(azurite.ConnectionString, scene.Repository, scene.Out) { NamePrefix = clients.Names.Prefix };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var output = new StringWriter();
        var serving = ServeCommand.RunAsync(options, output, output, stop.Token);
        try
        {
            await new StageSender(clients).SendAsync(PipelineRig.Request("serve-delivery"), Ct);
            var runId = RunIds.For("serve-delivery", "serve-smoke");
            var run = await ServeScene.WaitForEndAsync(new RunStore(clients, TimeProvider.System), runId, 120, Ct);

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
        }
    }
}
