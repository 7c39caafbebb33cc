using HdrHistogram;
using LoadOps.Core.Definitions;
using LoadOps.SampleTarget;

namespace LoadOps.Runner.Tests.Load;

public sealed class OpenModelTests
{
    [Fact]
    public async Task Achieved_requests_match_the_schedule_within_one_percent()
    {
        await using var target = await SampleTargetHost.StartAsync();
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(10, 100),
            new ScenarioSpec("browse", 1, [TestShards.Get("list", "/api/products?page={{ random 1 10 }}")]));

        var (result, _) = await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken);

        Assert.InRange(result.Total(), 990, 1010);
        Assert.Equal(result.Total(), result.Ok());
        Assert.Equal(result.Total(), target.Faults.Requests);
        Assert.InRange(result.Health.Sum(h => h.Scheduled), 990, 1010);
        Assert.Equal(0, result.Health.Sum(h => h.Dropped));
        Assert.Equal(Core.Results.ResultStatus.Complete, result.Status);
    }

    [Fact]
    public async Task Counts_per_interval_follow_the_ramp()
    {
        await using var target = await SampleTargetHost.StartAsync();
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Open((4, 200)),
            new ScenarioSpec("browse", 1, [TestShards.Get("health", "/api/products/1")]));

        var (result, _) = await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken);

        // Each 1 s wall-clock interval should hold the integral of the ramp over the part of it the run covered.
        var curve = new Core.Planning.LoadCurve(definition.Load.Stages);
        var intervals = result.Steps.Single().Intervals;
        foreach (var interval in intervals)
        {
            var from = interval.Start - result.Start;
            var expected = curve.ArrivalsBy(from + result.Interval) - curve.ArrivalsBy(from);
            Assert.InRange(interval.Total, expected - Math.Max(6, expected * 0.08), expected + Math.Max(6, expected * 0.08));
        }
        Assert.InRange(result.Total(), 398, 402);
        var rising = intervals.Where(i => i.Start + result.Interval <= result.Start + TimeSpan.FromSeconds(4)).Select(i => i.Total).ToList();
        Assert.Equal(rising.Order(), rising);
    }

    [Fact]
    public async Task A_stall_shows_in_the_latencies_measured_from_the_intended_start()
    {
        await using var target = await SampleTargetHost.StartAsync();
        var definition = TestShards.Definition(target.BaseUrl, TestShards.Steady(4, 100),
            new ScenarioSpec("browse", 1, [TestShards.Get("product", "/api/products/{{ random 1 100 }}")]));
        var running = TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken);

        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        target.Faults.Change(new FaultChange(null, null, null, StallMs: 1000));
        var (result, _) = await running;

        var latencies = result.Latencies();
        var slow = latencies.RecordedValues().Where(v => v.ValueIteratedTo >= 500_000).Sum(v => v.CountAtValueIteratedTo);
        // About 100 arrivals fall inside the 1 s stall; those of its first half wait more than 500 ms.
        Assert.InRange(slow, 35, 90);
        Assert.True(latencies.GetMaxValue() >= 900_000, $"max {latencies.GetMaxValue()} us");
        Assert.True(latencies.GetValueAtPercentile(99) >= 500_000, $"p99 {latencies.GetValueAtPercentile(99)} us");
        Assert.Equal(0, result.Health.Sum(h => h.Dropped));
    }

    [Fact]
    public async Task Arrivals_beyond_max_in_flight_are_dropped_and_counted()
    {
        await using var target = await SampleTargetHost.StartAsync(new FaultSettings { LatencyMs = 500 });
        var load = TestShards.Steady(1, 50) with { MaxInFlight = 5 };
        var definition = TestShards.Definition(target.BaseUrl, load,
            new ScenarioSpec("browse", 1, [TestShards.Get("product", "/api/products/1")]));

        var (result, _) = await TestShards.RunAsync(TestShards.Spec(definition), cancellationToken: TestContext.Current.CancellationToken);

        var scheduled = result.Health.Sum(h => h.Scheduled);
        var dropped = result.Health.Sum(h => h.Dropped);
        Assert.InRange(scheduled, 50, 51);
        Assert.Equal(scheduled - dropped, result.Total());
        Assert.InRange(dropped, 35, 46);
    }
}
