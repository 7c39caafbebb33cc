using LoadOps.Cloud.Http;
using LoadOps.Cloud.Tests.Stubs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace LoadOps.Cloud.Tests.Http;

/// <summary>The outbound pipelines against a stub server on 127.0.0.1; waits run on a fake clock the test moves.</summary>
public sealed class OutboundHttpTests
{
    private static readonly OutboundPolicy Fast = new() { MaxRetries = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_server_error_is_retried_until_an_answer()
    {
        await using var stub = await StubServer.StartAsync((_, n) => n < 3 ? new StubResponse(503, "busy") : StubResponse.Json("{}"));
        using var http = OutboundHttp.CreateClient(OutboundHttp.Slack, Fast);

        using var response = await http.GetAsync(stub.Address, Token);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(404, "no"));
        using var http = OutboundHttp.CreateClient(OutboundHttp.Arm, Fast);

        using var response = await http.GetAsync(stub.Address, Token);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Retry_after_is_waited_for_on_the_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var stub = await StubServer.StartAsync((_, n) => n == 1
            ? new StubResponse(429, "slow down", new Dictionary<string, string> { ["Retry-After"] = "20" })
            : StubResponse.Json("{}"));
        using var http = OutboundHttp.CreateClient(OutboundHttp.GitHub, Fast, clock);

        var call = http.GetAsync(stub.Address, Token);
        await WaitUntilAsync(() => stub.Requests.Count == 1);
        // The fake clock moves a second at a time: the server saw the request before the client got the 429 and set its
        // delay, and one jump of 19 s taken before that timer existed left the call waiting for ever (it hung CI runs).
        await AdvanceAsync(clock, TimeSpan.FromSeconds(19));
        var beforeRetryAfter = stub.Requests.Count;
        for (var i = 0; i < 60 && !call.IsCompleted; i++)
            await AdvanceAsync(clock, TimeSpan.FromSeconds(1));
        using var response = await call.WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.Equal(1, beforeRetryAfter);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_policy_waits_goes_back_to_the_caller()
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(429, "later", new Dictionary<string, string> { ["Retry-After"] = "3600" }));
        using var http = OutboundHttp.CreateClient(OutboundHttp.Slack, Fast);

        using var response = await http.GetAsync(stub.Address, Token);

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Aws_throttling_answered_400_is_retried()
    {
        await using var stub = await StubServer.StartAsync((_, n) => n == 1
            ? new StubResponse(400, """{"__type":"ThrottlingException"}""", new Dictionary<string, string> { ["x-amzn-ErrorType"] = "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/" })
            : StubResponse.Json("{}"));
        using var http = OutboundHttp.CreateClient(OutboundHttp.Ecs, Fast);

        using var response = await http.PostAsync(stub.Address, new StringContent("{}"), Token);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task A_system_that_keeps_failing_is_not_called_while_the_circuit_is_open()
    {
        await using var stub = await StubServer.StartAsync((_, _) => new StubResponse(500, "down"));
        using var http = OutboundHttp.CreateClient(OutboundHttp.Ecs, Fast with { MaxRetries = 0, MinimumThroughput = 2, BreakDuration = TimeSpan.FromMinutes(1) });

        (await http.GetAsync(stub.Address, Token)).Dispose();
        (await http.GetAsync(stub.Address, Token)).Dispose();
        await Assert.ThrowsAsync<BrokenCircuitException>(() => http.GetAsync(stub.Address, Token));

        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public void The_host_registration_names_one_client_per_outside_system()
    {
        using var provider = new ServiceCollection().AddLoadOpsOutboundHttp().BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        Assert.Equal([OutboundHttp.Arm, OutboundHttp.Ecs, OutboundHttp.GitHub, OutboundHttp.Slack, OutboundHttp.Sts], OutboundHttp.Policies.Keys.Order(StringComparer.Ordinal));
        Assert.All(OutboundHttp.Policies.Keys, name => Assert.NotNull(factory.CreateClient(name)));
    }

    /// <summary>Moves the fake clock on a second at a time, giving the timers it fires a moment of real time each.</summary>
    private static async Task AdvanceAsync(FakeTimeProvider clock, TimeSpan by)
    {
        for (var moved = TimeSpan.Zero; moved < by; moved += TimeSpan.FromSeconds(1))
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, Token);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
            await Task.Delay(25, Token);
        Assert.True(condition());
    }
}
