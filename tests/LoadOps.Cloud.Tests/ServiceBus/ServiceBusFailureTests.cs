using LoadOps.Cloud.Pools;
using LoadOps.Cloud.ServiceBus;
using LoadOps.Cloud.Tests.Stubs;

namespace LoadOps.Cloud.Tests.ServiceBus;

/// <summary>Failure paths: each status becomes a failure a caller can act on, retried only when that can help; no message is lost.</summary>
public sealed class ServiceBusFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly ServiceBusReceivedMessage Locked = new("{}", "run1-s000", "lock-1", 11, 1, null);

    [Fact]
    public async Task Unauthorized_is_not_retried_and_says_what_to_check()
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(401, "<Error><Code>401</Code><Detail>InvalidSignature</Detail></Error>"));
        using var http = new HttpClient();

        var e = await Assert.ThrowsAsync<ServiceBusException>(() => ServiceBusStub.Client(stub, http).ReceiveAsync(TimeSpan.FromSeconds(1), Ct));

        Assert.Equal(ServiceBusFailure.Unauthorized, e.Failure);
        Assert.Equal(401, e.Status);
        Assert.Contains("check the key name and key", e.Message, StringComparison.Ordinal);
        Assert.Contains("Listen", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", e.Message, StringComparison.Ordinal);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_missing_queue_is_not_found_on_send()
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(404, "entity not found"));
        using var http = new HttpClient();

        var e = await Assert.ThrowsAsync<ServiceBusException>(() => ServiceBusStub.Client(stub, http).SendAsync("{}", "m", null, Ct));

        Assert.Equal(ServiceBusFailure.NotFound, e.Failure);
        Assert.Contains("'loadops-pool-lab' was not found", e.Message, StringComparison.Ordinal);
        Assert.Single(stub.Requests);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(410)]
    public async Task A_lost_lock_on_complete_or_renew_is_lock_lost(int status)
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(status, ""));
        using var http = new HttpClient();
        var client = ServiceBusStub.Client(stub, http);

        var complete = await Assert.ThrowsAsync<ServiceBusException>(() => client.CompleteAsync(Locked, Ct));
        var renew = await Assert.ThrowsAsync<ServiceBusException>(() => client.RenewLockAsync(Locked, Ct));

        Assert.Equal(ServiceBusFailure.LockLost, complete.Failure);
        Assert.Equal(ServiceBusFailure.LockLost, renew.Failure);
        Assert.Contains("delivered again", complete.Message, StringComparison.Ordinal);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task Throttling_waits_for_retry_after_then_succeeds()
    {
        await using var stub = await StubServer.StartAsync((_, n) => n == 1
            ? new StubResponse(429, "", new Dictionary<string, string> { ["Retry-After"] = "1" })
            : new StubResponse(201, ""));
        using var http = new HttpClient();

        await ServiceBusStub.Client(stub, http).SendAsync("{}", "m", null, Ct);

        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task Server_errors_are_retried_then_reported_as_unavailable()
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(503, "server busy"));
        using var http = new HttpClient();

        var e = await Assert.ThrowsAsync<ServiceBusException>(() => ServiceBusStub.Client(stub, http, maxAttempts: 3).SendAsync("{}", "m", null, Ct));

        Assert.Equal(ServiceBusFailure.Unavailable, e.Failure);
        Assert.True(e.IsTransient);
        Assert.Contains("failed 3 times", e.Message, StringComparison.Ordinal);
        Assert.Contains("503", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task A_request_without_an_answer_times_out_and_is_retried()
    {
        await using var stub = await StubServer.StartAsync((_, n) =>
        {
            if (n == 1)
                Thread.Sleep(TimeSpan.FromSeconds(2));
            return new StubResponse(204, "");
        });
        using var http = new HttpClient();

        var message = await ServiceBusStub.Client(stub, http, requestTimeout: TimeSpan.FromMilliseconds(300)).ReceiveAsync(TimeSpan.FromSeconds(1), Ct);

        Assert.Null(message);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Theory]
    [InlineData(null, "no BrokerProperties header")]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("""{"MessageId":"m","SequenceNumber":1}""", "no LockToken")]
    [InlineData("""{"LockToken":"l","MessageId":"m"}""", "no numeric SequenceNumber")]
    public async Task Malformed_broker_properties_leave_the_message_locked_and_say_so(string? properties, string expected)
    {
        await using var stub = await StubServer.StartAsync((_, _) => properties is null ? new StubResponse(201, "{}") : ServiceBusStub.Message("{}", properties));
        using var http = new HttpClient();

        var e = await Assert.ThrowsAsync<ServiceBusException>(() => ServiceBusStub.Client(stub, http).ReceiveAsync(TimeSpan.FromSeconds(1), Ct));

        Assert.Equal(ServiceBusFailure.Malformed, e.Failure);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("delivered again", e.Message, StringComparison.Ordinal);
        // Nothing was completed or deleted: the only request is the receive.
        Assert.Equal("POST", Assert.Single(stub.Requests).Method);
    }

    [Theory]
    [InlineData(409, WorkQueueFailure.LockLost)]
    [InlineData(401, WorkQueueFailure.Refused)]
    [InlineData(500, WorkQueueFailure.Transient)]
    public async Task The_work_queue_maps_service_bus_failures(int status, WorkQueueFailure expected)
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(status, ""));
        using var http = new HttpClient();
        var queue = new ServiceBusWorkQueue(ServiceBusStub.Client(stub, http, maxAttempts: 2), TimeSpan.FromSeconds(1));

        var e = await Assert.ThrowsAsync<WorkQueueException>(() => queue.RenewAsync(new WorkItem("run1-s000", "{}", 1, "lock-1"), Ct));

        Assert.Equal(expected, e.Failure);
        Assert.EndsWith("/messages/run1-s000/lock-1", stub.Requests.First().Path, StringComparison.Ordinal);
    }
}
