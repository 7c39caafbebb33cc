using LoadOps.Core.Definitions;
using LoadOps.Runner.Http;
using LoadOps.SampleTarget;

namespace LoadOps.Runner.Tests.Execution;

public sealed class FailureClassificationTests
{
    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task Unexpected_statuses_and_failed_checks_are_told_apart(HttpTransportKind transport)
    {
        await using var target = await SampleTargetHost.StartAsync();
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(1, 40),
            new ScenarioSpec("missing", 1, [TestShards.Get("missing", "/api/products/5000")]),
            new ScenarioSpec("wrong", 1, [TestShards.Get("wrong", "/api/products/1", new ExpectSpec { BodyContains = "not there" })]),
            new ScenarioSpec("fine", 1, [TestShards.Get("fine", "/api/products/1", new ExpectSpec { Status = [200] })]));

        var (result, _) = await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken, transport: transport);

        Assert.Equal(result.Total("missing"), result.Failed("missing").Status);
        Assert.Equal(result.Total("wrong"), result.Failed("wrong").Check);
        Assert.Equal(result.Total("fine"), result.Ok("fine"));
        Assert.True(result.Total("missing") > 0 && result.Total("wrong") > 0 && result.Total("fine") > 0);
        Assert.InRange(result.Total(), 39, 42);
    }

    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task Server_errors_are_status_failures(HttpTransportKind transport)
    {
        await using var target = await SampleTargetHost.StartAsync(new FaultSettings { ErrorRate = 1 });
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(1, 20),
            new ScenarioSpec("browse", 1, [TestShards.Get("product", "/api/products/1")]));

        var (result, _) = await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken, transport: transport);

        Assert.InRange(result.Failed().Status, 19, 21);
        Assert.Equal(0, result.Ok());
    }

    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task Slow_responses_past_the_step_timeout_are_timeouts(HttpTransportKind transport)
    {
        await using var target = await SampleTargetHost.StartAsync(new FaultSettings { LatencyMs = 1000 });
        var step = TestShards.Get("product", "/api/products/1") with { Timeout = TimeSpan.FromMilliseconds(100) };
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(1, 20), new ScenarioSpec("browse", 1, [step]));

        var (result, _) = await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken, transport: transport);

        Assert.InRange(result.Failed().Timeout, 19, 21);
        Assert.Equal(result.Total(), result.Failed().Timeout);
    }

    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task A_closed_port_gives_connect_failures(HttpTransportKind transport)
    {
        var definition = TestShards.Definition($"http://127.0.0.1:{SampleTargetHost.ClosedPort()}", TestShards.Steady(1, 20),
            new ScenarioSpec("browse", 1, [TestShards.Get("product", "/api/products/1")]));

        var (result, output) = await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken, transport: transport);

        Assert.InRange(result.Failed().Connect, 19, 21);
        Assert.Equal(result.Total(), result.Failed().Connect);
        Assert.Contains("(refused)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task A_rendered_path_that_leaves_the_base_url_is_refused_and_not_sent(HttpTransportKind transport)
    {
        await using var target = await SampleTargetHost.StartAsync();
        var extract = new ExtractSpec("next", ExtractKind.Regex, "(P)roduct");
        var definition = TestShards.Definition(target.BaseUrl + "/api", TestShards.Steady(1, 10),
            new ScenarioSpec("browse", 1,
            [
                TestShards.Get("first", "/products/1", null, extract),
                TestShards.Get("escape", "/../health?{{ next }}"),
            ]));

        var (result, output) = await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken, transport: transport);

        Assert.Equal(result.Total("escape"), result.Failed("escape").Other);
        Assert.True(result.Total("escape") > 0);
        Assert.Equal(result.Total("first"), target.Faults.Requests);
        Assert.Contains("leaves the target's baseUrl", output, StringComparison.Ordinal);
    }
}
