using System.Net;
using LoadOps.Cloud.Aci;
using LoadOps.Cloud.Ecs;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Pools;
using LoadOps.Cloud.Storage;
using LoadOps.Cloud.Tests.Aci;
using LoadOps.Core.Evaluation;
using LoadOps.IntegrationTests.Pools;
using LoadOps.IntegrationTests.Publish;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Launchers;

/// <summary>
/// A pull request whose definition runs on <c>azure/westeurope</c>, <c>aws/us-east-1</c> and <c>pool/lab</c>: the stub
/// ARM and ECS endpoints start real runner processes with the environment the launchers sent (as ACI and ECS would),
/// a real agent serves the pool, every runner reports with the grants it was handed (no storage key), and the verdict
/// lands on the stub GitHub. The sweep then releases every container group and task.
/// </summary>
public sealed class CloudRunnersEndToEndTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pull_request_fans_out_to_aci_ecs_and_a_pool_whose_runners_report_and_the_sweep_releases_every_runner()
    {
        var folder = Directory.CreateTempSubdirectory("loadops-cloud-e2e-").FullName;
        using var processes = new RunnerProcesses(folder);
        await using var cloud = await FakeCloud.StartAsync();
        cloud.Runners = processes;
        using var http = new HttpClient();
        await using var rig = await GitHubPipelineRig.StartAsync(
            azurite, Ct, clients => Launchers(clients, cloud, http), ["azure/westeurope", "aws/us-east-1", "pool/lab"], TimeSpan.FromSeconds(10));
        using var agent = AgentProcess.Start("lab", await PoolFixtures.AgentQueueUrlAsync(rig.Clients, "lab", Ct), Path.Combine(folder, "agent"));

        Assert.Equal(HttpStatusCode.Accepted, await rig.DeliverPullRequestAsync("cloud-delivery-1", Ct));
        var runId = RunIds.For("cloud-delivery-1", GitHubPipelineRig.TestName);
        var run = await rig.PumpUntilTerminalAsync(runId, Ct);

        var diagnosis = $"{run.StatusReason}\n{string.Join("\n", rig.Log)}\nrunners:\n{processes.Output}\nagent:\n{agent.Output}";
        Assert.True(run.Status == RunStatus.Reported, $"{run.Status}: {diagnosis}");
        var shards = await rig.Stages.Shards.ListAsync(runId, Ct);
        Assert.Equal(3, shards.Count);
        Assert.All(shards, s => Assert.True(s.Status == ShardStatus.Done, $"{s.ShardId} {s.Status} {s.StatusReason}: {diagnosis}"));
        // One container group and one task were started, each a real runner process; the agent ran the pool's shard.
        Assert.Single(cloud.Groups);
        Assert.Single(cloud.Tasks);
        Assert.Equal(2, processes.Started.Count);
        Assert.Contains("ShardDone sent", agent.Output, StringComparison.Ordinal);
        // Both cloud runners reported and exited 0 (what the sweep reads as success).
        for (var i = 0; i < 100 && processes.Alive.Count > 0; i++)
            await Task.Delay(100, Ct);
        Assert.Equal(2, processes.Output.Split("ShardDone sent").Length - 1);
        Assert.All(processes.Started, id => Assert.Equal(("Succeeded", (int?)0), processes.StateOf(id)));
        // No storage account key reached any runner: the grants are SAS URLs, the secure value is not echoed.
        Assert.DoesNotContain("AccountKey", cloud.Server.Requests.Select(r => r.BodyText), StringComparer.Ordinal);
        Assert.DoesNotContain("sig=", processes.Output + agent.Output, StringComparison.Ordinal);

        var evaluation = await new PipelineBlobs(rig.Clients).ReadEvaluationAsync(runId, Ct);
        Assert.NotNull(evaluation);
        await using var stored = await rig.Stages.Results.OpenReportAsync(ArtifactNames.ReportBlobName(runId, "report.md"), Ct);
        var markdown = await new StreamReader(stored!).ReadToEndAsync(Ct);
        var check = Assert.Single(rig.GitHub.CheckRuns.Values, c => c["name"]!.GetValue<string>() == "loadops/" + GitHubPipelineRig.TestName);
        var expected = evaluation.Verdict switch
        {
            RunVerdict.Pass or RunVerdict.Improvement => evaluation.Reservations.Count == 0 ? "success" : "neutral",
            RunVerdict.Fail or RunVerdict.Regression => "failure",
            _ => "neutral",
        };
        Assert.Equal(expected, check["conclusion"]!.GetValue<string>());
        Assert.Equal(markdown, check["output"]!["summary"]!.GetValue<string>());
        Assert.Equal(markdown, Assert.Single(rig.GitHub.Comments.Values));

        await rig.Stages.Runners.SweepAsync(Ct);

        Assert.Empty(cloud.Groups);
        Assert.All(cloud.Tasks.Values, state => Assert.Equal("STOPPED", state));
        Assert.Equal(cloud.Tasks.Keys.Order(StringComparer.Ordinal), cloud.Stopped.Order(StringComparer.Ordinal));
        Assert.Empty(processes.Alive);
    }

    private static (IShardLauncher, RunnerTeardown?) Launchers(StorageClients clients, FakeCloud cloud, HttpClient http)
    {
        var aciOptions = new AciOptions { SubscriptionId = "sub-1", ResourceGroup = "rg", Image = "runner:1", Endpoint = cloud.Server.Address };
        var aci = new AciLauncher(new ArmRestClient(http, new FixedTokenCredential(), aciOptions), aciOptions);
        var credentials = new EnvironmentCredentialSource(name => name switch { "AWS_ACCESS_KEY_ID" => "AKIDTEST", "AWS_SECRET_ACCESS_KEY" => "secret", _ => null });
        var ecsOptions = new EcsOptions { Region = "us-east-1", Cluster = "loadops", TaskDefinition = "runner:1", Subnets = ["subnet-a"] };
        var ecs = new EcsLauncher(new EcsJsonClient(http, cloud.Server.Address, "us-east-1", credentials, TimeProvider.System), ecsOptions);
        var grants = new PoolGrants(clients, TimeProvider.System);
        var pools = new Dictionary<string, IShardLauncher>(StringComparer.Ordinal) { ["lab"] = PoolFixtures.Launcher(clients, http) };
        var set = new LauncherSet
        {
            Aci = aci,
            Grants = grants,
            Ecs = ecs,
            EcsRegion = "us-east-1",
            ShardQueue = new ShardQueueWriter(clients, grants, TimeProvider.System),
            Pools = pools,
        };
        return (new LocationLauncher(set), new RunnerTeardown(aci, ecs));
    }
}
