using System.Security.Cryptography;
using System.Text;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.IntegrationTests.Pipeline;
using LoadOps.SampleTarget;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LoadOps.IntegrationTests.Serve;

/// <summary>A real <c>loadops serve</c> process meeting a stage message that is not ours.</summary>
public sealed class ServePoisonTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Regression_a_plain_text_stage_message_goes_to_the_poison_queue_and_serve_keeps_running()
    {
        // Before: the SDK's base64 decoding threw inside the receive, so serve crashed on this message at every start.
        var (target, _) = SampleTargetApp.Build("http://127.0.0.1:0", new FaultSettings());
        await target.StartAsync(Ct);
        await using var __ = target;
        var baseUrl = target.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        var folder = Path.Combine(Path.GetTempPath(), "loadops-poison-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(Path.Combine(folder, "repo", "loadtests"));
        await File.WriteAllTextAsync(Path.Combine(folder, "repo", "loadtests", "poison.loadtest.yaml"), $$"""
            version: 1
            name: poison-smoke
            target: { baseUrl: {{baseUrl}} }
            load: { model: open, stages: [ { duration: 2s, rate: 10 } ] }
            scenarios:
              - name: browse
                steps:
                  - { name: list, request: GET /api/products?page=1, expect: { status: 200 } }
            runners: [ { location: local, count: 1 } ]
            """, Ct);
        var clients = await azurite.NewClientsAsync(Ct);
        var validate = clients.Names.Queue(StageQueueNames.Validate);
        await clients.RawQueues.GetQueueClient(validate).SendMessageAsync("please run the load test", Ct);

        var log = new StringBuilder();
        using var serve = ServeProcess.Start(
            ["--repo", Path.Combine(folder, "repo"), "--out", Path.Combine(folder, "out"), "--name-prefix", clients.Names.Prefix, "--listen", "none"],
            azurite.ConnectionString, log, "serve");
        try
        {
            Assert.True(await serve.WaitForAsync("loadops-validate: poisoned:", TimeSpan.FromSeconds(60), Ct), "nothing was poisoned:\n" + ServeProcess.Text(log));
            Assert.Contains("not base64", ServeProcess.Text(log), StringComparison.Ordinal);
            var parked = Assert.Single((await clients.Queues.GetQueueClient(StageQueueNames.PoisonOf(validate)).PeekMessagesAsync(10, Ct)).Value);
            Assert.Equal("please run the load test", parked.Body.ToString());

            await new StageSender(clients).SendAsync(PipelineRig.Request("after-poison"), Ct);
            var runs = new RunStore(clients, TimeProvider.System);
            RunRecord? run = null;
            for (var i = 0; i < 180 && run is not { IsTerminal: true } && !serve.HasExited; i++)
            {
                await Task.Delay(500, Ct);
                run = await runs.GetAsync(RunIds.For("after-poison", "poison-smoke"), Ct);
            }
            Assert.False(serve.HasExited, "serve exited:\n" + ServeProcess.Text(log));
            Assert.True(run?.Status == RunStatus.Reported, $"{run?.Status}: {run?.StatusReason}\n{ServeProcess.Text(log)}");
        }
        finally
        {
            await serve.KillAsync(CancellationToken.None);
            Directory.Delete(folder, recursive: true);
        }
    }
}
