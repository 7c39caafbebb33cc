using System.Text.Json.Nodes;
using LoadOps.Cloud.ServiceBus;
using LoadOps.Cloud.Tests.Stubs;

namespace LoadOps.Cloud.Tests.ServiceBus;

/// <summary>The REST contract: method, path, headers, auth and body of each operation, against a stub on 127.0.0.1.</summary>
public sealed class ServiceBusQueueClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Send_posts_the_body_to_messages_with_a_sas_and_broker_properties()
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(201, ""));
        using var http = new HttpClient();

        await ServiceBusStub.Client(stub, http).SendAsync("""{"spec":1}""", "run1-s000", TimeSpan.FromMinutes(10), Ct);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/loadops-pool-lab/messages", request.Path);
        Assert.Equal("""{"spec":1}""", request.BodyText);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        var properties = JsonNode.Parse(request.Header("BrokerProperties")!)!;
        Assert.Equal("run1-s000", properties["MessageId"]!.GetValue<string>());
        Assert.Equal(600, properties["TimeToLive"]!.GetValue<long>());
        var auth = request.Header("Authorization")!;
        var resource = Uri.EscapeDataString(new Uri(stub.Address, "loadops-pool-lab").AbsoluteUri);
        Assert.StartsWith($"SharedAccessSignature sr={resource}&sig=", auth, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("&skn=agent-listen", auth, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", auth, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_locks_the_head_and_reads_lock_token_and_sequence_from_broker_properties()
    {
        await using var stub = await StubServer.StartAsync((_, _) => ServiceBusStub.Message("""{"x":1}""", ServiceBusStub.Properties));
        using var http = new HttpClient();

        var message = await ServiceBusStub.Client(stub, http).ReceiveAsync(TimeSpan.FromSeconds(5), Ct);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/loadops-pool-lab/messages/head", request.Path);
        Assert.Equal("?timeout=5", request.Query);
        Assert.StartsWith("SharedAccessSignature ", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.NotNull(message);
        Assert.Equal("""{"x":1}""", message.Body);
        Assert.Equal("run1-s000", message.MessageId);
        Assert.Equal("7da9cfd5-40d5-4bb1-8d64-ec5a52e1c547", message.LockToken);
        Assert.Equal(11, message.SequenceNumber);
        Assert.Equal(2, message.DeliveryCount);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 37, 58, TimeSpan.Zero), message.LockedUntil);
    }

    [Fact]
    public async Task Receive_returns_null_on_204()
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(204, ""));
        using var http = new HttpClient();

        Assert.Null(await ServiceBusStub.Client(stub, http).ReceiveAsync(TimeSpan.FromSeconds(1), Ct));
    }

    [Theory]
    [InlineData("complete", "DELETE")]
    [InlineData("abandon", "PUT")]
    [InlineData("renew", "POST")]
    public async Task Settling_uses_the_message_id_and_lock_token_url(string operation, string method)
    {
        await using var stub = await StubServer.StartAsync((r, _) => r.Path.EndsWith("/head", StringComparison.Ordinal)
            ? ServiceBusStub.Message("{}", ServiceBusStub.Properties) : new StubResponse(200, ""));
        using var http = new HttpClient();
        var client = ServiceBusStub.Client(stub, http);
        var message = (await client.ReceiveAsync(TimeSpan.FromSeconds(1), Ct))!;

        await (operation switch
        {
            "complete" => client.CompleteAsync(message, Ct),
            "abandon" => client.AbandonAsync(message, Ct),
            _ => client.RenewLockAsync(message, Ct),
        });

        var request = stub.Requests.Last();
        Assert.Equal(method, request.Method);
        Assert.Equal("/loadops-pool-lab/messages/run1-s000/7da9cfd5-40d5-4bb1-8d64-ec5a52e1c547", request.Path);
        Assert.StartsWith("SharedAccessSignature ", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entra_identity_sends_a_bearer_token_for_the_service_bus_scope()
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(201, ""));
        using var http = new HttpClient();
        var identity = new RecordingCredential();
        var client = new ServiceBusQueueClient(http, stub.Address, ServiceBusStub.Queue, ServiceBusCredential.FromTokenCredential(identity, TimeProvider.System), TimeProvider.System);

        await client.SendAsync("{}", null, null, Ct);

        Assert.Equal("Bearer token-for-tests", Assert.Single(stub.Requests).Header("Authorization"));
        Assert.Equal(["https://servicebus.azure.net/.default"], identity.Scopes);
        Assert.Null(Assert.Single(stub.Requests).Header("BrokerProperties"));
    }

    [Fact]
    public void Plain_http_is_refused_except_on_loopback()
    {
        using var http = new HttpClient();
        var credential = ServiceBusCredential.FromSharedAccessKey("n", "k", TimeProvider.System);
        Assert.Throws<ArgumentException>(() => new ServiceBusQueueClient(http, new Uri("http://contoso.servicebus.windows.net/"), "q", credential, TimeProvider.System));
    }

    private sealed class RecordingCredential : Azure.Core.TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new Azure.Core.AccessToken("token-for-tests", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
