using LoadOps.Core.Definitions;
using LoadOps.Runner.Http;
using LoadOps.SampleTarget;

namespace LoadOps.Runner.Tests.Load;

public sealed class ClosedModelTests
{
    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task The_target_sees_exactly_the_number_of_users(HttpTransportKind transport)
    {
        await using var target = await SampleTargetHost.StartAsync(new FaultSettings { LatencyMs = 50 });
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Closed((0.2, 20), (2, 20)),
            new ScenarioSpec("browse", 1, [TestShards.Get("product", "/api/products/1{{ vu }}")]));

        var (result, _) = await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken, transport: transport);

        Assert.Equal(20, target.Faults.MaxConcurrent);
        // 20 users, ~50 ms per request, ~2 s: several hundred requests, and never more than 20 at once.
        Assert.InRange(result.Ok(), 300, 900);
        Assert.Equal(0, result.Failed().Total);
        Assert.All(result.Health, h => Assert.InRange(h.InFlight, 0, 20));
    }

    [Theory]
    [InlineData(HttpTransportKind.HttpClient)]
    [InlineData(HttpTransportKind.Raw)]
    public async Task Users_follow_a_ramp_up_and_down(HttpTransportKind transport)
    {
        await using var target = await SampleTargetHost.StartAsync(new FaultSettings { LatencyMs = 20 });
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Closed((1, 8), (1, 8), (1, 0)),
            new ScenarioSpec("browse", 1, [TestShards.Get("product", "/api/products/1{{ vu }}")]));

        var (result, _) = await TestShards.RunAsync(TestShards.Spec(definition, TimeSpan.FromMilliseconds(500)), cancellationToken: TestContext.Current.CancellationToken, transport: transport);

        Assert.Equal(8, target.Faults.MaxConcurrent);
        var perInterval = result.Steps.Single().Intervals.Select(i => i.Total).ToList();
        var peak = perInterval.IndexOf(perInterval.Max());
        Assert.True(perInterval[0] < perInterval[peak] && perInterval[^1] < perInterval[peak], string.Join(",", perInterval));
    }
}
