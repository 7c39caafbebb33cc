using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Queues;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;
using LoadOps.IntegrationTests.Pipeline;
using LoadOps.Pipeline;
using LoadOps.Testing;

namespace LoadOps.IntegrationTests.Pools;

/// <summary>Real agent processes on one pool, fed by the pipeline's dispatch through <see cref="Cloud.Pools.PoolLauncher"/>, against the sample target.</summary>
public sealed class PoolAgentProcessTests(AzuriteFixture azurite) : IAsyncDisposable
{
    private static readonly TimeSpan Stop = TimeSpan.FromSeconds(40);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loadops-agents-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
    private SampleTargetHost? _target;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_agents_run_three_shards_of_a_run_and_their_results_complete_it()
    {
        var baseUrl = await StartTargetAsync();
        var repo = Path.Combine(_folder, "repo");
        Directory.CreateDirectory(Path.Combine(repo, "loadtests"));
        await File.WriteAllTextAsync(Path.Combine(repo, "loadtests", "pool.loadtest.yaml"), $$"""
            version: 1
            name: {{PipelineRig.TestName}}
            target: { baseUrl: {{baseUrl}} }
            load: { model: open, stages: [ { duration: 3s, rate: 15 } ] }
            scenarios:
              - name: browse
                steps:
                  - { name: list, request: GET /api/products?page=1, expect: { status: 200 } }
            runners: [ { location: pool/lab, count: 3 } ]
            """, Ct);
        var clients = await azurite.NewClientsAsync(Ct);
        using var http = new HttpClient();
        var plan = new PlanOptions { StartDelay = TimeSpan.FromSeconds(3), ReportGrace = TimeSpan.FromSeconds(60), Interval = TimeSpan.FromSeconds(1) };
        var stages = new PipelineStages(AzurePipelineStores.Create(clients, TimeProvider.System), new LocalDefinitionSource(repo), PoolFixtures.Launcher(clients, http), TimeProvider.System, plan);
        var log = new List<string>();
        var pump = new QueuePump(stages, clients, line => { lock (log) log.Add(line); });
        var url = await PoolFixtures.AgentQueueUrlAsync(clients, "lab", Ct);
        using var first = AgentProcess.Start("lab", url, Path.Combine(_folder, "agent-1"));
        using var second = AgentProcess.Start("lab", url, Path.Combine(_folder, "agent-2"));

        await new StageSender(clients).SendAsync(PipelineRig.Request("pool-delivery"), Ct);
        var runId = RunIds.For("pool-delivery", PipelineRig.TestName);
        RunRecord? run = null;
        for (var until = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < until && run is not { IsTerminal: true };)
        {
            await pump.PumpOnceAsync(Ct);
            run = await stages.Runs.GetAsync(runId, Ct);
            await Task.Delay(250, Ct);
        }

        var context = $"{run?.Status}: {run?.StatusReason}\n{string.Join('\n', log)}\n--- agent 1\n{first.Output}\n--- agent 2\n{second.Output}";
        Assert.True(run is { Status: RunStatus.Reported, ShardCount: 3, ShardsDone: 3 }, context);
        Assert.Contains(": received", first.Output, StringComparison.Ordinal);
        Assert.Contains(": received", second.Output, StringComparison.Ordinal);
        var merged = await stages.Results.ReadResultAsync(run.ResultBlobName!, Ct);
        Assert.True(merged!.Steps.Sum(s => s.Intervals.Sum(i => i.Ok)) > 0, context);
        Assert.Equal(0, await first.TerminateAsync(Stop, Ct));
        Assert.Equal(0, await second.TerminateAsync(Stop, Ct));
        Assert.Contains("drained", first.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_ends_the_running_shard_early_uploads_its_partial_result_and_stops_taking_work()
    {
        var baseUrl = await StartTargetAsync();
        var clients = await azurite.NewClientsAsync(Ct);
        using var http = new HttpClient();
        var spec = PoolFixtures.Browsing(
            PoolFixtures.Spec("run-drain-1", 0, "pool/drain") with { ShardCount = 1, StartAt = DateTimeOffset.UtcNow.AddSeconds(1), Interval = TimeSpan.FromSeconds(1) },
            baseUrl, TimeSpan.FromSeconds(60));
        var launcher = PoolFixtures.Launcher(clients, http);
        Assert.True((await launcher.LaunchAsync(spec, Ct)).Started);
        Assert.True((await launcher.LaunchAsync(spec with { ShardId = RunPlanner.ShardId("run-drain-1", 1), ShardIndex = 1 }, Ct)).Started);
        using var agent = AgentProcess.Start("drain", await PoolFixtures.AgentQueueUrlAsync(clients, "drain", Ct), Path.Combine(_folder, "agent"));

        Assert.True(await agent.WaitForAsync("running: ok", TimeSpan.FromSeconds(30), Ct), agent.Output);
        var exit = await agent.TerminateAsync(Stop, Ct);

        Assert.True(exit == 0, $"exit {exit}\n{agent.Output}");
        Assert.Contains("drained", agent.Output, StringComparison.Ordinal);
        var collect = new QueueClient(azurite.ConnectionString, clients.Names.Queue(StageQueueNames.Collect), new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var done = (await collect.ReceiveMessagesAsync(10, cancellationToken: Ct)).Value.Select(m => JsonSerializer.Deserialize<ShardDone>(m.Body.ToString(), LoadOpsJson.Compact)!).ToList();
        var report = Assert.Single(done);
        Assert.Equal(ArtifactNames.ShardBlobName("run-drain-1", report.ShardId), report.ResultBlobName);
        var result = await new ResultStore(clients, TimeProvider.System).ReadResultAsync(report.ResultBlobName, Ct);
        Assert.Equal(ResultStatus.Partial, result?.Status);
        Assert.True(result!.Steps.Sum(st => st.Intervals.Sum(i => i.Ok)) > 0, agent.Output);
        // The drained shard's item is gone; the other shard was never taken and waits for another agent.
        var pool = PoolFixtures.PoolQueue(clients, "drain");
        Assert.Equal(1, (await pool.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
        Assert.Single(agent.Output.Split('\n'), line => line.Contains(": received", StringComparison.Ordinal));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_folder, "agent", "shards")));
    }

    private async Task<string> StartTargetAsync()
    {
        _target = await SampleTargetHost.StartAsync();
        return _target.BaseUrl;
    }

    public async ValueTask DisposeAsync()
    {
        if (_target is not null)
            await _target.DisposeAsync();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
