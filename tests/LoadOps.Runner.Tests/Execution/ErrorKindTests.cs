using LoadOps.Core.Definitions;
using LoadOps.Core.Results;
using LoadOps.Runner.Http;
using LoadOps.Runner.Tests.Targets;
using LoadOps.SampleTarget;

namespace LoadOps.Runner.Tests.Execution;

/// <summary>Each way a request can fail is counted under its own kind, with a sample message, on both transports.</summary>
public sealed class ErrorKindTests
{
    private static async Task<(ResultFile Result, string Output)> RunAsync(string baseUrl, StepSpec step, HttpTransportKind transport, double rate = 20)
    {
        var definition = TestShards.Definition(baseUrl, TestShards.Steady(1, rate), new ScenarioSpec("browse", 1, [step]));
        return await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken, transport: transport);
    }

    private static void AssertOnly(ResultFile result, string kind)
    {
        var errors = result.Errors();
        Assert.Equal([kind], errors.Keys);
        Assert.Equal(result.Total(), errors[kind]);
        Assert.InRange(errors[kind], 19, 21);
        Assert.NotEmpty(result.Samples(kind));
    }

    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task A_closed_port_is_refused(HttpTransportKind transport)
    {
        var (result, output) = await RunAsync($"http://127.0.0.1:{SampleTargetHost.ClosedPort()}", TestShards.Get("product", "/x"), transport);

        AssertOnly(result, ErrorKinds.Refused);
        Assert.Equal(result.Total(), result.Failed().Connect);
        Assert.Empty(result.StatusCodes());
        Assert.Contains("(refused)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task A_connection_reset_is_a_reset(HttpTransportKind transport)
    {
        await using var target = new ResettingTarget();

        var (result, _) = await RunAsync(target.BaseUrl, TestShards.Get("product", "/x"), transport);

        AssertOnly(result, ErrorKinds.Reset);
        Assert.Equal(result.Total(), result.Failed().Other);
    }

    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task A_response_slower_than_the_step_timeout_is_a_timeout(HttpTransportKind transport)
    {
        await using var target = await SampleTargetHost.StartAsync(new FaultSettings { LatencyMs = 1000 });
        var step = TestShards.Get("product", "/api/products/1") with { Timeout = TimeSpan.FromMilliseconds(100) };

        var (result, _) = await RunAsync(target.BaseUrl, step, transport);

        AssertOnly(result, ErrorKinds.Timeout);
        Assert.Equal(result.Total(), result.Failed().Timeout);
    }

    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task An_untrusted_self_signed_certificate_is_a_tls_failure(HttpTransportKind transport)
    {
        await using var target = await EchoTarget.StartAsync(https: true);

        var (result, _) = await RunAsync(target.BaseUrl, TestShards.Get("status", "/status/200"), transport);

        AssertOnly(result, ErrorKinds.Tls);
        Assert.Equal(result.Total(), result.Failed().Connect);
    }

    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task A_503_is_counted_by_its_code_and_as_a_status_failure(HttpTransportKind transport)
    {
        await using var target = await EchoTarget.StartAsync();

        var (result, _) = await RunAsync(target.BaseUrl, TestShards.Get("status", "/status/503"), transport);

        AssertOnly(result, ErrorKinds.Status);
        Assert.Equal(result.Total(), result.StatusCodes()["503"]);
        Assert.Equal(result.Total(), result.Failed().Status);
        Assert.Contains("status 503", result.Samples(ErrorKinds.Status));
    }

    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task A_failed_check_is_counted_by_the_check_that_failed(HttpTransportKind transport)
    {
        await using var target = await EchoTarget.StartAsync();
        var expect = new ExpectSpec { Json = new Dictionary<string, string> { ["$.raw"] = "\"something else\"" } };

        var (result, _) = await RunAsync(target.BaseUrl, TestShards.Get("echo", "/echo", expect), transport);

        AssertOnly(result, ErrorKinds.Check("json $.raw"));
        Assert.Equal(result.Total(), result.StatusCodes()["200"]);
        Assert.Equal(result.Total(), result.Failed().Check);
    }

    [Fact]
    public async Task Iterations_and_responses_are_counted_when_all_goes_well()
    {
        await using var target = await EchoTarget.StartAsync();

        var (result, _) = await RunAsync(target.BaseUrl, TestShards.Get("status", "/status/204"), HttpTransportKind.Raw);

        Assert.Empty(result.Errors());
        Assert.Equal(result.Total(), result.StatusCodes()["204"]);
        Assert.Equal(result.Total(), result.Health.Sum(h => h.Iterations));
        Assert.InRange(result.Total(), 19, 21);
    }
}
