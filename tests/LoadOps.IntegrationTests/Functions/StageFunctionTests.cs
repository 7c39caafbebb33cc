using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Serialization;
using LoadOps.Functions.Hosting;
using LoadOps.Functions.Storage;
using LoadOps.IntegrationTests.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace LoadOps.IntegrationTests.Functions;

/// <summary>The stage functions behind the custom-handler protocol: bind the queue message, call the stage, enqueue the next one.</summary>
public sealed class StageFunctionTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Definition = """
        version: 1
        name: functions-smoke
        target: { baseUrl: http://127.0.0.1:5080 }
        load: { model: open, stages: [ { duration: 3s, rate: 5 } ] }
        scenarios:
          - name: browse
            steps:
              - { name: home, request: GET / }
        """;

    [Fact]
    public async Task The_validate_function_reads_a_base64_run_request_and_queues_the_plan_message()
    {
        var (app, clients, repo) = await StartAsync();
        await using var _ = app;
        using var client = app.GetTestClient();
        var request = PipelineRig.Request("functions-delivery");
        var base64 = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(request, LoadOpsJson.Compact));

        var response = await client.PostAsJsonAsync("/validate", new { Data = new { message = base64 }, Metadata = new { DequeueCount = 1 } }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await new StageQueue(clients, clients.Names.Queue(StageQueueNames.Plan)).ReceiveAsync<PlanRun>(8, TimeSpan.FromSeconds(30), Ct);
        var message = Assert.Single(plan.Messages);
        Assert.Equal(RunIds.For("functions-delivery", "functions-smoke"), message.Body.RunId);
        Assert.Equal("loadtests/a.loadtest.yaml", message.Body.DefinitionPath);
        Directory.Delete(repo, recursive: true);
    }

    [Fact]
    public async Task An_unreadable_stage_message_answers_500_so_the_host_retries_and_poisons_it()
    {
        var (app, _, repo) = await StartAsync();
        await using var __ = app;
        using var client = app.GetTestClient();

        var response = await client.PostAsJsonAsync("/collect", new { Data = new { message = "{\"runId\": 12" }, Metadata = new { } }, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("ShardDone", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Directory.Delete(repo, recursive: true);
    }

    [Fact]
    public async Task The_schedule_function_starts_a_due_schedule_once_on_the_validate_queue()
    {
        var (app, clients, repo) = await StartAsync();
        await using var _ = app;
        using var client = app.GetTestClient();
        await new ScheduleStore(clients, TimeProvider.System).RegisterAsync(new ScheduleRecord
        {
            Key = "local|main|functions-smoke|* * * * *|UTC", Repo = "local", TestName = "functions-smoke", Branch = "main",
            Cron = "* * * * *", DefinitionPath = "loadtests/a.loadtest.yaml",
        }, Ct);

        // Every minute has one occurrence in the last minute; the second call finds it claimed.
        var first = await client.PostAsJsonAsync("/schedule", new { Data = new { timer = new { IsPastDue = false } }, Metadata = new { } }, Ct);
        var second = await client.PostAsJsonAsync("/schedule", new { Data = new { timer = new { IsPastDue = false } }, Metadata = new { } }, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var queued = await new StageQueue(clients, clients.Names.Queue(StageQueueNames.Validate)).ReceiveAsync<RunRequest>(8, TimeSpan.FromSeconds(30), Ct);
        var request = Assert.Single(queued.Messages).Body;
        Assert.Equal(("functions-smoke", RunTrigger.Schedule), (request.TestName, request.Trigger));
        Directory.Delete(repo, recursive: true);
    }

    private async Task<(WebApplication App, StorageClients Clients, string Repo)> StartAsync()
    {
        var repo = Path.Combine(Path.GetTempPath(), "loadops-fn-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(Path.Combine(repo, "loadtests"));
        await File.WriteAllTextAsync(Path.Combine(repo, "loadtests", "a.loadtest.yaml"), Definition, Ct);
        var clients = await azurite.NewClientsAsync(Ct);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LoadOps:GitHub:WebhookSecret"] = "stage-function-secret-1234567890",
            ["LoadOps:Storage:ConnectionString"] = azurite.ConnectionString,
            ["LoadOps:Storage:NamePrefix"] = clients.Names.Prefix,
            ["LoadOps:Local:RepositoryPath"] = repo,
        });
        builder.Services.AddLoadOpsFunctions(builder.Configuration);
        builder.Services.AddLoadOpsStorage();
        var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync(Ct);
        return (app, clients, repo);
    }
}
