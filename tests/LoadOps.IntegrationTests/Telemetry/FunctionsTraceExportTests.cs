using LoadOps.Cloud.Telemetry;
using LoadOps.IntegrationTests.Functions;
using LoadOps.IntegrationTests.Pipeline;
using LoadOps.Pipeline;
using LoadOps.Runner.Tests.Telemetry;

namespace LoadOps.IntegrationTests.Telemetry;

/// <summary>The Functions app with <c>LoadOps:Otlp:Endpoint</c> set: its queue-triggered stages export spans.</summary>
public sealed class FunctionsTraceExportTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stage_message_handled_by_the_functions_app_is_exported_as_a_span_when_the_setting_names_a_receiver()
    {
        await using var receiver = await OtlpReceiver.StartAsync(Ct);
        var repository = Directory.CreateTempSubdirectory("loadops-otlp-repo-").FullName;
        await using (var rig = await FunctionsAppRig.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["LoadOps:Local:RepositoryPath"] = repository,
            [OtlpEndpoint.ConfigurationKey] = receiver.BaseUrl,
        }, Ct))
        {
            await rig.Stages.Sender.SendAsync(PipelineRig.Request("functions-traced"), Ct);
            for (var i = 0; i < 20 && await rig.Queues.PollOnceAsync(Ct) == 0; i++)
                await Task.Delay(100, Ct);
        }

        // Stopping the app stops its tracer provider, which exports what is left.
        var span = Assert.Single(receiver.Spans(), s => s.Attributes.GetValueOrDefault(PipelineTracing.RequestTag) == "functions-traced");
        Assert.Equal(PipelineTracing.SourceName, span.Scope);
        Assert.Equal(StageQueueNames.Validate, span.Name);
        Assert.Equal(StageQueueNames.Validate, span.Attributes[PipelineTracing.StageTag]);
    }
}
