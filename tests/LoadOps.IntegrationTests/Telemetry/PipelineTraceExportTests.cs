using LoadOps.Cloud.Storage;
using LoadOps.Cloud.Telemetry;
using LoadOps.IntegrationTests.Pipeline;
using LoadOps.Pipeline;
using LoadOps.Runner.Tests.Telemetry;

namespace LoadOps.IntegrationTests.Telemetry;

/// <summary>A run driven by the QueuePump on Azurite, its stage traces exported to a loopback OTLP/HTTP receiver.</summary>
public sealed class PipelineTraceExportTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_stage_message_the_pump_handles_is_one_span_tagged_with_its_stage_and_run()
    {
        await using var receiver = await OtlpReceiver.StartAsync(Ct);
        var log = new List<string>();
        var tracing = PipelineTraceExport.Start(
            name => name == "LoadOps__Otlp__Endpoint" ? receiver.BaseUrl : null, "loadops-serve", log.Add);
        Assert.NotNull(tracing);
        await using var rig = await PipelineRig.StartAsync(azurite, doneMessagesPerShard: 1, Ct);
        await rig.Stages.Sender.SendAsync(PipelineRig.Request("traced"), Ct);
        var runId = RunIds.For("traced", PipelineRig.TestName);

        var run = await rig.PumpUntilTerminalAsync(runId, Ct);
        tracing.Dispose();

        Assert.Equal(RunStatus.Reported, run.Status);
        var spans = receiver.Spans().Where(s => s.Scope == PipelineTracing.SourceName).ToList();
        var ofRun = spans.Where(s => s.Attributes.GetValueOrDefault(PipelineTracing.RunTag) == runId).ToList();
        foreach (var stage in new[] { StageQueueNames.Plan, StageQueueNames.Dispatch, StageQueueNames.Collect, StageQueueNames.Evaluate, StageQueueNames.Report })
            Assert.Contains(ofRun, s => s.Name == stage && s.Attributes[PipelineTracing.StageTag] == stage);
        Assert.Contains(spans, s => s.Name == StageQueueNames.Validate && s.Attributes.GetValueOrDefault(PipelineTracing.RequestTag) == "traced");
        Assert.Contains(log, line => line.Contains(receiver.BaseUrl + "/v1/traces", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_an_endpoint_serve_starts_no_trace_export()
    {
        var log = new List<string>();

        Assert.Null(PipelineTraceExport.Start(_ => null, "loadops-serve", log.Add));
        Assert.Empty(log);
    }
}
