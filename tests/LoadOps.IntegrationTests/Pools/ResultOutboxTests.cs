using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using System.Xml.Linq;
using Azure.Storage.Queues;
using LoadOps.Cloud.Pools;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;
using LoadOps.Pipeline;
using LoadOps.Runner.Agent;
using LoadOps.Runner.Execution;
using LoadOps.Runner.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LoadOps.IntegrationTests.Pools;

/// <summary>The agent's disk outbox: nothing finished is lost across restarts, network blips or expired grants.</summary>
public sealed class ResultOutboxTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "loadops-outbox-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
    private readonly StringWriter _log = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A shard folder as an agent leaves it when killed mid-run: the item and the last interim snapshot.</summary>
    private async Task<(string Folder, PoolWorkItem Item)> InterruptedShardAsync(PoolWorkItem item)
    {
        var outbox = new ResultOutbox(_work, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var folder = await outbox.KeepAsync(item, Ct);
        var run = await ShardRunner.RunAsync(item.Spec, folder, Ct, new ShardRunnerOptions { Output = TextWriter.Null });
        await ResultWriter.WriteAsync(folder, run.Result! with { Status = ResultStatus.Running }, Ct);
        return (folder, item);
    }

    [Fact]
    public async Task A_damaged_shard_folder_is_set_aside_instead_of_stopping_the_agent()
    {
        var folder = Path.Combine(_work, "shards", "run-damaged-s000");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "item.json"), "{\"spec\": {", Ct);
        await File.WriteAllTextAsync(Path.Combine(folder, ResultWriter.FileName), "{}", Ct);
        var outbox = new ResultOutbox(_work, TimeProvider.System, LoadOps.Runner.Cli.LineLoggerProvider.For(_log, TimeProvider.System, "agent"));

        var reported = await outbox.ReportAsync(folder, Ct);

        Assert.False(reported);
        Assert.False(Directory.Exists(folder));
        Assert.True(File.Exists(Path.Combine(_work, "damaged", "run-damaged-s000", "item.json")));
        Assert.Contains("cannot be read", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restarted_agent_reports_the_interrupted_shard_as_partial_and_settles_its_redelivery_without_running()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var spec = PoolFixtures.Spec("run-outbox-1", 0, "pool/lab");
        var item = await new PoolGrants(clients, TimeProvider.System).CreateAsync(spec, spec.Deadline!.Value, Ct);
        await InterruptedShardAsync(item);
        var queue = new StorageWorkQueue(PoolFixtures.PoolQueue(clients, "lab"), TimeSpan.FromSeconds(30));
        await queue.SendAsync(JsonSerializer.Serialize(item, LoadOpsJson.Compact), spec.ShardId, TimeSpan.FromMinutes(5), Ct);   // redelivered
        using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(4));

        var exit = await new PoolAgent(new AgentSettings { Pool = "lab", WorkDirectory = _work, PollInterval = TimeSpan.FromMilliseconds(200) }, queue, _log)
            .RunAsync(drain.Token, Ct);

        Assert.Equal(0, exit);
        var result = await new ResultStore(clients, TimeProvider.System).ReadResultAsync(item.ResultBlobName, Ct);
        Assert.Equal(ResultStatus.Partial, result?.Status);
        Assert.Contains("reported as partial", _log.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{spec.ShardId}: already reported by this agent", _log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(": received", _log.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_work, "done", spec.ShardId)));
        Assert.Equal(0, (await PoolFixtures.PoolQueue(clients, "lab").GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
        var collect = new QueueClient(azurite.ConnectionString, clients.Names.Queue(StageQueueNames.Collect), new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        Assert.Single((await collect.ReceiveMessagesAsync(10, cancellationToken: Ct)).Value);
    }

    [Fact]
    public async Task Uploads_and_shard_done_are_retried_through_a_network_blip()
    {
        var requests = new ConcurrentQueue<(string Method, string Path, string Body)>();
        var count = 0;
        await using var stub = await StartStubAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            requests.Enqueue((context.Request.Method, context.Request.Path.Value!, await reader.ReadToEndAsync()));
            context.Response.StatusCode = Interlocked.Increment(ref count) <= 3 ? 503 : 201;
            if (context.Response.StatusCode == 201 && context.Request.Method == "POST")
                await context.Response.WriteAsync(SentMessage);
        });
        var address = stub.Urls.Single();
        var spec = PoolFixtures.Spec("run-outbox-2", 0, "pool/lab");
        var item = new PoolWorkItem(spec, new Uri($"{address}/acct/results/runs/run-outbox-2/shards/{spec.ShardId}.json?sv=2024-01-01&sp=cw&sig=x"),
            "runs/run-outbox-2/shards/x.json", new Uri($"{address}/acct/loadops-collect?sv=2024-01-01&sp=a&sig=y"), DateTimeOffset.UtcNow.AddMinutes(5));
        var (folder, _) = await InterruptedShardAsync(item);
        var expected = await File.ReadAllTextAsync(Path.Combine(folder, ResultWriter.FileName), Ct);

        var reported = await new ResultOutbox(_work, TimeProvider.System, LoadOps.Runner.Cli.LineLoggerProvider.For(_log, TimeProvider.System, "agent")).ReportAsync(folder, Ct);

        Assert.True(reported, _log.ToString());
        Assert.Contains("could not upload the result (attempt 1: 503", _log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", _log.ToString(), StringComparison.Ordinal);
        var put = requests.Last(r => r.Method == "PUT");
        Assert.Equal($"/acct/results/runs/run-outbox-2/shards/{spec.ShardId}.json", put.Path);
        Assert.Contains("\"status\": \"partial\"", put.Body, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(expected, put.Body);   // the snapshot said running; the upload says partial
        var post = Assert.Single(requests, r => r.Method == "POST");
        Assert.Equal("/acct/loadops-collect/messages", post.Path);
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(XElement.Parse(post.Body).Element("MessageText")!.Value));
        Assert.Equal(new ShardDone("run-outbox-2", spec.ShardId, "runs/run-outbox-2/shards/x.json"), JsonSerializer.Deserialize<ShardDone>(text, LoadOpsJson.Compact));
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task A_result_whose_grants_expire_before_upload_is_kept_on_disk()
    {
        var spec = PoolFixtures.Spec("run-outbox-3", 0, "pool/lab");
        var item = new PoolWorkItem(spec, new Uri("http://127.0.0.1:9/acct/results/x.json?sig=x"), "x.json", new Uri("http://127.0.0.1:9/acct/q?sig=y"), DateTimeOffset.UtcNow.AddSeconds(2));
        var (folder, _) = await InterruptedShardAsync(item);

        var reported = await new ResultOutbox(_work, TimeProvider.System, LoadOps.Runner.Cli.LineLoggerProvider.For(_log, TimeProvider.System, "agent")).ReportAsync(folder, Ct);

        Assert.False(reported);
        Assert.True(File.Exists(Path.Combine(_work, "expired", spec.ShardId, ResultWriter.FileName)), _log.ToString());
        Assert.Contains("giving up", _log.ToString(), StringComparison.Ordinal);
    }

    /// <summary>What the Queue service answers to Put Message (its documented XML shape).</summary>
    private const string SentMessage = """
        <?xml version="1.0" encoding="utf-8"?><QueueMessagesList><QueueMessage><MessageId>m1</MessageId><InsertionTime>Mon, 23 Nov 2026 10:00:00 GMT</InsertionTime><ExpirationTime>Mon, 30 Nov 2026 10:00:00 GMT</ExpirationTime><PopReceipt>p1</PopReceipt><TimeNextVisible>Mon, 23 Nov 2026 10:00:00 GMT</TimeNextVisible></QueueMessage></QueueMessagesList>
        """;

    private static async Task<WebApplication> StartStubAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return app;
    }

    public void Dispose()
    {
        if (Directory.Exists(_work))
            Directory.Delete(_work, recursive: true);
    }
}
