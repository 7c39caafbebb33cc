using LoadOps.Cli.Tests.Run;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Reports;
using LoadOps.Core.Results;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline;

/// <summary>
/// An <c>engine: jmeter</c> definition through the whole pipeline on Azurite: validate and plan read the plan from the
/// repository, two in-process runners run the real JMeter (Debian's) against the sample shop, and the merged result is
/// evaluated and reported like any run. Bounded by the stages (3 s), JMeter's start-up and the rig's one-minute limit.
/// </summary>
public sealed class PipelineJMeterTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_jmeter_plan_fans_out_to_two_runners_and_ends_in_a_merged_reported_run()
    {
        var launcher = JMeterInstall.Launcher(out var reason);
        Assert.SkipWhen(launcher is null, reason);
        var plan = await File.ReadAllTextAsync(JMeterInstall.ExamplePlan(), Ct);
        await using var rig = await PipelineRig.StartAsync(azurite, doneMessagesPerShard: 1, Ct,
            definitionFor: baseUrl => $$"""
                version: 1
                name: {{PipelineRig.TestName}}
                target:
                  baseUrl: {{baseUrl}}
                engine: jmeter
                script: plans/checkout.jmx
                load:
                  model: closed
                  stages: [{ duration: 3s, users: 2 }]
                runners:
                  - { location: local, count: 2 }
                thresholds:
                  - "errors < 50%"
                  - { step: product, check: "p99 < 5s" }
                """,
            repositoryFiles: new Dictionary<string, string> { ["loadtests/plans/checkout.jmx"] = plan },
            runnerEnvironment: name => name == "LOADOPS_JMETER" ? launcher : Environment.GetEnvironmentVariable(name));
        await rig.Stages.Sender.SendAsync(PipelineRig.Request("delivery-jmeter"), Ct);

        var run = await rig.PumpUntilTerminalAsync(RunIds.For("delivery-jmeter", PipelineRig.TestName), Ct);

        Assert.True(run.Status == RunStatus.Reported, $"{run.Status}: {run.StatusReason}");
        Assert.Equal(2, run.ShardsDone);
        var merged = await rig.Stages.Results.ReadResultAsync(run.ResultBlobName!, Ct);
        Assert.NotNull(merged);
        Assert.Equal(2, merged.Shards.Count);
        var summary = ResultSummarizer.Summarize(merged);
        Assert.True(summary.Overall.Totals.Ok > 0);
        Assert.Contains(merged.Steps, s => s is { Scenario: "shopper", Step: "product", Location: null });
        await using var markdown = await rig.Stages.Results.OpenReportAsync(ArtifactNames.ReportBlobName(run.RunId, "report.md"), Ct);
        Assert.Contains("product", await new StreamReader(markdown!).ReadToEndAsync(Ct), StringComparison.Ordinal);
    }
}
