using LoadOps.Core.Definitions;
using LoadOps.Runner.Http;
using LoadOps.Runner.Tests.Targets;

namespace LoadOps.Runner.Tests.Execution;

/// <summary>User-Agent, launch variables ({{ env.NAME }}) and think time, against a real Kestrel target.</summary>
public sealed class ErgonomicsTests
{
    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task Requests_say_loadops_and_its_version_unless_the_definition_sets_a_user_agent(HttpTransportKind transport)
    {
        await using var target = await EchoTarget.StartAsync();
        var plain = TestShards.Get("plain", "/user-agent", new ExpectSpec { BodyContains = "loadops/" });
        var custom = TestShards.Get("custom", "/user-agent", new ExpectSpec { BodyContains = "shop-probe/2" }) with
        {
            Headers = new Dictionary<string, string> { ["user-agent"] = "shop-probe/2" },
        };
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(1, 10), new ScenarioSpec("main", 1, [plain, custom]));

        var (result, _) = await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken, transport: transport);

        Assert.Empty(result.Errors());
        Assert.True(result.Ok("plain") > 0 && result.Ok("custom") > 0);
    }

    [Fact]
    public async Task A_launch_variable_fills_in_env_templates()
    {
        await using var target = await EchoTarget.StartAsync();
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(1, 10),
            new ScenarioSpec("main", 1, [TestShards.Get("status", "/status/{{ env.CODE }}")]));

        var (result, _) = await TestShards.RunAsync(TestShards.Spec(definition), new Dictionary<string, string> { ["LOADOPS_ENV_CODE"] = "202" },
            TestContext.Current.CancellationToken);

        Assert.Equal(result.Total(), result.StatusCodes()["202"]);
        Assert.True(result.Total() > 0);
    }

    [Fact]
    public async Task A_missing_launch_variable_stops_the_shard_and_says_how_to_set_it()
    {
        var definition = TestShards.Definition("http://127.0.0.1:1", TestShards.Steady(1, 1),
            new ScenarioSpec("main", 1, [TestShards.Get("status", "/status/{{ env.NEVER_SET }}")]));

        var run = await Runner.Execution.ShardRunner.RunAsync(TestShards.Spec(definition), Directory.CreateTempSubdirectory("loadops-env-").FullName,
            TestContext.Current.CancellationToken, new Runner.Execution.ShardRunnerOptions { Output = TextWriter.Null, Environment = _ => null });

        Assert.False(run.Started);
        Assert.Contains(run.Errors, e => e.Contains("-e NEVER_SET=VALUE", StringComparison.Ordinal) && e.Contains("LOADOPS_ENV_NEVER_SET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Think_time_paces_a_closed_model_user()
    {
        await using var target = await EchoTarget.StartAsync();
        var step = TestShards.Get("status", "/status/200") with { Think = TimeSpan.FromMilliseconds(600) };
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Closed((0.001, 1), (1.5, 1)), new ScenarioSpec("main", 1, [step]));

        var (result, _) = await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken);

        // 1.5 s with a 600 ms pause after each request leaves room for 3 requests at most; without it, hundreds.
        Assert.InRange(result.Total(), 1, 3);
        Assert.Empty(result.Errors());
    }
}
