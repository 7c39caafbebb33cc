using System.Net.Http.Headers;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using LoadOps.Cli.Gate;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Webhooks;
using LoadOps.IntegrationTests.Pools;
using LoadOps.Pipeline;
using LoadOps.Testing;

namespace LoadOps.IntegrationTests.Functions;

/// <summary>
/// The isolated Functions app end to end on storage nobody provisioned: its function classes driven through their
/// trigger methods as functions.metadata says, a real pool agent process running the shard against the sample target.
/// </summary>
public sealed class FunctionsEndToEndTests(AzuriteFixture azurite) : IAsyncDisposable
{
    private const string TestName = "functions-e2e";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loadops-functions-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
    private SampleTargetHost? _target;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signed_push_becomes_a_reported_run_through_the_functions_and_a_pool_agent()
    {
        var repo = await RepositoryAsync(await StartTargetAsync());
        await using var rig = await FunctionsAppRig.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["LoadOps:Local:RepositoryPath"] = repo,
            ["LoadOps:Pools:lab:Transport"] = "StorageQueue",
        }, Ct);
        // The app created its state at start: the stage queues exist before any message was sent.
        Assert.True(await rig.Clients.Queues.GetQueueClient(rig.Clients.Names.Queue(StageQueueNames.Validate)).ExistsAsync(Ct));
        using var agent = AgentProcess.Start("lab", await PoolFixtures.AgentQueueUrlAsync(rig.Clients, "lab", Ct), Path.Combine(_folder, "agent"));

        var push = await rig.Client.SendAsync(SignedPush("push-e2e-1"), Ct);

        Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
        var runId = RunIds.For("push-e2e-1", TestName);
        var run = await rig.DriveUntilTerminalAsync(runId, TimeSpan.FromSeconds(90), Ct);
        Assert.True(run is { Status: RunStatus.Reported, ShardCount: 1, ShardsDone: 1 }, rig.Context(run) + "\n--- agent\n" + agent.Output);
        Assert.Contains(": received", agent.Output, StringComparison.Ordinal);
        var view = await rig.Client.SendAsync(Get($"/api/runs/{runId}"), Ct);
        using var json = JsonDocument.Parse(await view.Content.ReadAsStringAsync(Ct));
        Assert.Equal("reported", json.RootElement.GetProperty("status").GetString());
        var report = await rig.Client.SendAsync(Get($"/api/runs/{runId}/report.md"), Ct);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains(TestName, await report.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await agent.TerminateAsync(TimeSpan.FromSeconds(30), Ct);
    }

    [Fact]
    public async Task A_poisoned_run_request_fails_its_run_at_the_derived_id_and_the_gate_ends()
    {
        // No definition source configured: validate fails on every delivery, saying what to set.
        await using var rig = await FunctionsAppRig.StartAsync(azurite, new Dictionary<string, string?>(), Ct);
        var options = new GateOptions(rig.Client.BaseAddress!, FunctionsAppRig.ApiToken, TimeSpan.FromMinutes(3), _folder, "octo-org/shop",
            "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c", "main") { Test = TestName, FirstPoll = TimeSpan.FromMilliseconds(200), MaxPoll = TimeSpan.FromSeconds(1) };
        var client = new GateClient(rig.Client, options.Url, options.Token);
        var started = await client.StartAsync(new Cloud.Api.StartRunBody(options.Repository, options.Commit, options.Branch, TestName, null), Ct);
        var runId = Assert.Single(started.Value!.RunIds);

        using var gateOutput = new StringWriter();
        var gate = new GateWaiter(client, options, gateOutput, TimeProvider.System).WaitForRunAsync(runId, DateTimeOffset.UtcNow.AddSeconds(120), Ct);
        // Bounds only, generous for a busy CI machine: five deliveries with their back-off take a few seconds when idle.
        for (var until = DateTime.UtcNow.AddSeconds(120); !gate.IsCompleted && DateTime.UtcNow < until;)
        {
            await rig.Queues.PollOnceAsync(Ct);
            await Task.Delay(100, Ct);
        }
        var wait = await gate;

        var context = $"{gateOutput}\n{string.Join('\n', rig.Queues.Log)}";
        Assert.True(wait.Finished, context);
        var seen = Assert.Single(wait.Runs);
        Assert.Equal(RunStatus.Failed, seen.Status);
        var run = await rig.Stages.Runs.GetAsync(runId, Ct);
        Assert.Equal(RunStatus.Failed, run!.Status);
        Assert.Contains("gave up", run.StatusReason, StringComparison.Ordinal);
        Assert.Contains("No definition source", run.StatusReason, StringComparison.Ordinal);
        var poison = rig.Clients.Queues.GetQueueClient(StageQueueNames.PoisonOf(rig.Clients.Names.Queue(StageQueueNames.Validate)));
        Assert.Single((await poison.PeekMessagesAsync(10, Ct)).Value);
    }

    [Fact]
    public async Task A_message_that_is_not_json_is_retried_then_poisoned_without_crashing_the_worker()
    {
        await using var rig = await FunctionsAppRig.StartAsync(azurite, new Dictionary<string, string?>(), Ct);
        var collect = rig.Clients.Queues.GetQueueClient(rig.Clients.Names.Queue(StageQueueNames.Collect));
        await collect.SendMessageAsync("shard s000 is done", Ct);

        var poison = rig.Clients.Queues.GetQueueClient(StageQueueNames.PoisonOf(collect.Name));
        for (var until = DateTime.UtcNow.AddSeconds(120); DateTime.UtcNow < until && await QueueLengthAsync(poison) == 0; await Task.Delay(100, Ct))
            await rig.Queues.PollOnceAsync(Ct);

        Assert.Equal("shard s000 is done", Assert.Single((await poison.PeekMessagesAsync(10, Ct)).Value).Body.ToString());
        Assert.Contains(rig.Queues.Log, line => line.Contains("delivery 5 failed", StringComparison.Ordinal) && line.Contains("not a valid ShardDone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_stage_message_is_hidden_for_its_back_off_not_made_visible_again_at_once()
    {
        // A minute's first delay: a message the host made visible again at once would be seen by the peek below.
        await using var rig = await FunctionsAppRig.StartAsync(azurite, new Dictionary<string, string?> { [FunctionsAppRig.RetryDelaySetting] = "00:01:00" }, Ct);
        var collect = rig.Clients.Queues.GetQueueClient(rig.Clients.Names.Queue(StageQueueNames.Collect));
        await collect.SendMessageAsync("not a shard report", Ct);

        Assert.Equal(1, await rig.Queues.PollOnceAsync(Ct));

        Assert.Contains(rig.Queues.Log, line => line.Contains("delivery 1 released by the function itself", StringComparison.Ordinal));
        Assert.Empty((await collect.PeekMessagesAsync(1, Ct)).Value);
        Assert.Equal(1, (await collect.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
    }

    private static async Task<int> QueueLengthAsync(Azure.Storage.Queues.QueueClient queue) =>
        await queue.ExistsAsync(Ct) ? (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount : 0;

    private static HttpRequestMessage Get(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FunctionsAppRig.ApiToken);
        return request;
    }

    private static HttpRequestMessage SignedPush(string deliveryId)
    {
        var payload = $$$"""
            {"ref":"refs/heads/main","after":"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c","deleted":false,
             "commits":[{"id":"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c","added":[],"removed":[],"modified":["loadtests/{{{TestName}}}.loadtest.yaml"]}],
             "head_commit":{"id":"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c"},
             "repository":{"full_name":"octo-org/shop","default_branch":"main"},"sender":{"login":"octocat"}}
            """;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/github/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", deliveryId);
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(FunctionsAppRig.WebhookSecret, Encoding.UTF8.GetBytes(payload)));
        return request;
    }

    private async Task<string> RepositoryAsync(string baseUrl)
    {
        var repo = Path.Combine(_folder, "repo");
        Directory.CreateDirectory(Path.Combine(repo, "loadtests"));
        await File.WriteAllTextAsync(Path.Combine(repo, "loadtests", $"{TestName}.loadtest.yaml"), $$"""
            version: 1
            name: {{TestName}}
            target: { baseUrl: {{baseUrl}} }
            load: { model: open, stages: [ { duration: 2s, rate: 10 } ] }
            scenarios:
              - name: browse
                steps:
                  - { name: list, request: GET /api/products?page=1, expect: { status: 200 } }
            runners: [ { location: pool/lab, count: 1 } ]
            thresholds: [ "errors < 50%" ]
            """, Ct);
        return repo;
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
