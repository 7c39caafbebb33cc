using System.Text;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.IntegrationTests.Pipeline;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Serve;

/// <summary>A real <c>loadops serve</c> process meeting a stage message that is not ours.</summary>
public sealed class ServePoisonTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Regression_a_plain_text_stage_message_goes_to_the_poison_queue_and_serve_keeps_running()
    {
        // Before: the SDK's base64 decoding threw inside the receive, so serve crashed on this message at every start.
        await using var scene = await ServeScene.StartAsync("poison-smoke", Ct);
        var clients = await azurite.NewClientsAsync(Ct);
        var validate = clients.Names.Queue(StageQueueNames.Validate);
        await clients.RawQueues.GetQueueClient(validate).SendMessageAsync("please run the load test", Ct);

        var log = new StringBuilder();
        using var serve = ServeProcess.Start(
            ["--repo", scene.Repository, "--out", scene.Out, "--name-prefix", clients.Names.Prefix, "--listen", "none"],
            azurite.ConnectionString, log, "serve");
        try
        {
            Assert.True(await serve.WaitForAsync("loadops-validate: poisoned:", TimeSpan.FromSeconds(60), Ct), "nothing was poisoned:\n" + ServeProcess.Text(log));
            Assert.Contains("not base64", ServeProcess.Text(log), StringComparison.Ordinal);
            var parked = Assert.Single((await clients.Queues.GetQueueClient(StageQueueNames.PoisonOf(validate)).PeekMessagesAsync(10, Ct)).Value);
            Assert.Equal("please run the load test", parked.Body.ToString());

            await new StageSender(clients).SendAsync(PipelineRig.Request("after-poison"), Ct);
            var run = await ServeScene.WaitForEndAsync(new RunStore(clients, TimeProvider.System), RunIds.For("after-poison", "poison-smoke"), 180, Ct, () => serve.HasExited);
            Assert.False(serve.HasExited, "serve exited:\n" + ServeProcess.Text(log));
            Assert.True(run?.Status == RunStatus.Reported, $"{run?.Status}: {run?.StatusReason}\n{ServeProcess.Text(log)}");
        }
        finally
        {
            await serve.KillAsync(CancellationToken.None);
        }
    }
}
