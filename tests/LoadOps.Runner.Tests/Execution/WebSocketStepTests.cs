using System.Net.Http.Json;
using System.Text.Json;
using LoadOps.Core.Definitions;
using LoadOps.Core.Results;

namespace LoadOps.Runner.Tests.Execution;

/// <summary>WebSocket steps against the sample shop's echo: round trips measured like HTTP steps, failures counted by kind, the egress guard applied.</summary>
public sealed class WebSocketStepTests
{
    private static StepSpec Message(string name, string path, string send, ExpectSpec? expect = null, params ExtractSpec[] extract) =>
        new() { Name = name, Method = "GET", Path = path, WebSocket = new WebSocketSpec(send), Expect = expect, Extract = extract };

    private static async Task<(ResultFile Result, string Output)> RunAsync(string baseUrl, double seconds, params StepSpec[] steps)
    {
        var definition = TestShards.Definition(baseUrl, TestShards.Steady(seconds, 20), new ScenarioSpec("chat", 1, steps));
        return await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_echo_socket_example_checks_and_extracts_replies_and_reuses_each_users_socket()
    {
        await using var shop = await SampleTargetHost.StartAsync();
        var definition = await ExampleDefinitions.LoadAsync("echo-socket.loadtest.yaml", shop.BaseUrl, TestShards.Closed((0.001, 3), (1.5, 3)));

        var (result, _) = await TestShards.RunAsync(TestShards.Spec(definition), null, TestContext.Current.CancellationToken);

        Assert.True(result.Total("hello") > 5);
        Assert.Equal(result.Total("hello"), result.Ok("hello"));
        Assert.Equal(result.Total("ping"), result.Ok("ping"));
        // Each message's round trip is in the step's histogram, one value per message, as for HTTP steps.
        Assert.Equal(result.Total("hello"), result.Latencies("hello").TotalCount);
        Assert.Equal(result.Total("ping"), result.Latencies("ping").TotalCount);
        // Three users kept their sockets open across iterations: far fewer handshakes than messages.
        using var client = new HttpClient();
        var sockets = await client.GetFromJsonAsync<JsonElement>(shop.BaseUrl + "/admin/sockets", TestContext.Current.CancellationToken);
        Assert.InRange(sockets.GetProperty("accepted").GetInt64(), 1, 3);
    }

    [Fact]
    public async Task A_reply_that_is_not_the_expected_message_fails_its_check()
    {
        await using var shop = await SampleTargetHost.StartAsync();

        var (result, _) = await RunAsync(shop.BaseUrl, 1, Message("ping", "/ws/echo", "ping", new ExpectSpec { Message = "pong" }));

        Assert.True(result.Total() > 0);
        Assert.Equal([ErrorKinds.Check("message")], result.Errors().Keys);
        Assert.Equal(result.Total(), result.Errors()[ErrorKinds.Check("message")]);
    }

    [Fact]
    public async Task An_extracted_value_feeds_the_next_message()
    {
        await using var shop = await SampleTargetHost.StartAsync();

        var (result, _) = await RunAsync(shop.BaseUrl, 1,
            Message("hello", "/ws/echo", """{"id": "u{{ vu }}"}""", null, new ExtractSpec("id", ExtractKind.JsonPath, "$.id")),
            Message("again", "/ws/echo", "{{ id }}", new ExpectSpec { BodyRegex = "^u[0-9]+$" }));

        Assert.True(result.Total("again") > 0);
        Assert.Equal(result.Total("again"), result.Ok("again"));
    }

    [Fact]
    public async Task A_closed_port_is_counted_as_refused()
    {
        var (result, _) = await RunAsync($"http://127.0.0.1:{SampleTargetHost.ClosedPort()}", 1, Message("hello", "/ws/echo", "hi"));

        Assert.Equal([ErrorKinds.Refused], result.Errors().Keys);
        Assert.Equal(result.Total(), result.Failed().Connect);
    }

    [Fact]
    public async Task A_path_that_is_not_a_socket_is_counted_by_its_handshake_status()
    {
        await using var shop = await SampleTargetHost.StartAsync();

        var (result, _) = await RunAsync(shop.BaseUrl, 1, Message("hello", "/health", "hi"));

        Assert.Equal([ErrorKinds.Status], result.Errors().Keys);
        Assert.Equal(result.Total(), result.StatusCodes()["200"]);
        Assert.Contains(result.Samples(ErrorKinds.Status), s => s.Contains("handshake with status 200", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_egress_guard_refuses_a_socket_to_a_private_address()
    {
        var (result, _) = await RunAsync("http://10.255.255.1:5080", 1, Message("hello", "/ws/echo", "hi"));

        Assert.True(result.Total() > 0);
        Assert.Equal(result.Total(), result.Failed().Connect);
        Assert.Contains(result.Samples(ErrorKinds.Connect), s => s.Contains("egress refused", StringComparison.Ordinal));
    }
}
