using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure;
using LoadOps.Cloud.Pools;
using LoadOps.Core.Data;
using LoadOps.Core.Definitions;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Serialization;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pools;

public sealed class PoolLauncherTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pool_shard_is_queued_with_write_only_and_add_only_grants_that_expire_at_the_deadline()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        using var http = new HttpClient();
        var spec = PoolFixtures.Spec("run-pool-1", 0, "pool/lab");

        var launch = await PoolFixtures.Launcher(clients, http).LaunchAsync(spec, Ct);

        Assert.True(launch.Started, launch.Detail);
        Assert.Equal($"pool:lab:{clients.Names.ShardQueue("pool/lab")}", launch.Detail);
        var raw = (await new QueueClient(azurite.ConnectionString, clients.Names.ShardQueue("pool/lab"), new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 })
            .ReceiveMessageAsync(cancellationToken: Ct)).Value;
        var item = JsonSerializer.Deserialize<PoolWorkItem>(raw.Body.ToString(), LoadOpsJson.Compact)!;
        // Lists compare by reference in records: the definition and data sets are compared by content elsewhere.
        Assert.Equal(spec, item.Spec with { Definition = spec.Definition, Data = spec.Data });
        Assert.Equal(spec.Data.Count, item.Spec.Data.Count);
        Assert.Equal(spec.Deadline, item.ExpiresOn);
        Assert.Equal(ArtifactNames.ShardBlobName("run-pool-1", spec.ShardId), item.ResultBlobName);
        Assert.Contains("sp=cw", item.ResultUploadUrl.Query, StringComparison.Ordinal);
        Assert.Contains("sp=a", item.DoneQueueUrl.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", raw.Body.ToString(), StringComparison.OrdinalIgnoreCase);

        // The upload grant writes that blob and cannot read it back; the done grant adds but cannot receive.
        var blob = new BlobClient(item.ResultUploadUrl);
        await blob.UploadAsync(BinaryData.FromString("{}"), overwrite: true, Ct);
        Assert.Equal(403, (await Assert.ThrowsAsync<RequestFailedException>(() => blob.DownloadContentAsync(Ct))).Status);
        var done = new QueueClient(item.DoneQueueUrl);
        await done.SendMessageAsync("x", Ct);
        Assert.Equal(403, (await Assert.ThrowsAsync<RequestFailedException>(() => done.ReceiveMessageAsync(cancellationToken: Ct))).Status);
        Assert.Equal(clients.Names.Queue(StageQueueNames.Collect), done.Name);
    }

    [Theory]
    [InlineData("local", "only 'pool/NAME'")]
    [InlineData("azure/westeurope", "only 'pool/NAME'")]
    [InlineData("pool/sb", "ServiceBusNamespace is required")]
    public async Task Other_locations_and_unusable_pools_are_refused_with_the_reason(string location, string reason)
    {
        var clients = await azurite.NewClientsAsync(Ct);
        using var http = new HttpClient();
        var pools = new Dictionary<string, PoolOptions> { ["sb"] = new() { Transport = PoolTransport.ServiceBus } };

        var launch = await PoolFixtures.Launcher(clients, http, pools).LaunchAsync(PoolFixtures.Spec("run-pool-2", 0, location), Ct);

        Assert.False(launch.Started);
        Assert.Contains(reason, launch.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shard_past_its_deadline_is_not_queued()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        using var http = new HttpClient();

        var launch = await PoolFixtures.Launcher(clients, http).LaunchAsync(PoolFixtures.Spec("run-pool-3", 0, "pool/lab", TimeSpan.FromSeconds(-1)), Ct);

        Assert.False(launch.Started);
        Assert.Contains("deadline", launch.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shard_whose_data_rows_exceed_a_storage_queue_message_is_refused_naming_the_rows_and_the_ways_out()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        using var http = new HttpClient();
        var rows = Enumerable.Range(0, 3000).Select(i => (IReadOnlyList<string>)[$"user-{i:0000}@example.com"]).ToList();
        var spec = PoolFixtures.Spec("run-pool-4", 0, "pool/lab") with { Data = [new DataTable("users", ["email"], rows)] };

        var launch = await PoolFixtures.Launcher(clients, http).LaunchAsync(spec, Ct);

        Assert.False(launch.Started);
        Assert.Contains($"holds at most {StorageWorkQueue.MaxJsonBytes}", launch.Detail, StringComparison.Ordinal);
        Assert.Contains("data set 'users': 3000 rows", launch.Detail, StringComparison.Ordinal);
        Assert.Contains("Service Bus pool", launch.Detail, StringComparison.Ordinal);
        // Nothing was queued: an agent never sees a half-sent shard.
        var queue = new QueueClient(azurite.ConnectionString, clients.Names.ShardQueue("pool/lab"));
        Assert.False(await queue.ExistsAsync(Ct) && (await queue.PeekMessageAsync(Ct)).Value is not null);
    }

    [Fact]
    public async Task A_shard_whose_jmeter_plan_exceeds_a_storage_queue_message_is_refused_naming_the_plan()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        using var http = new HttpClient();
        var spec = PoolFixtures.Spec("run-pool-5", 0, "pool/lab");
        var plan = "<jmeterTestPlan>" + string.Concat(Enumerable.Repeat("<hashTree/>", 6000)) + "</jmeterTestPlan>";
        spec = spec with
        {
            Definition = spec.Definition with { Scenarios = [], Engine = new EngineSpec(EngineKind.JMeter, "plans/big.jmx") { Plan = plan } },
        };

        var launch = await PoolFixtures.Launcher(clients, http).LaunchAsync(spec, Ct);

        Assert.False(launch.Started);
        Assert.Contains("JMeter plan plans/big.jmx (64.5 KB)", launch.Detail, StringComparison.Ordinal);
        Assert.Contains("Service Bus pool", launch.Detail, StringComparison.Ordinal);
    }
}
