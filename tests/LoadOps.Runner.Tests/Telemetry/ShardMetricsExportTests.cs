using LoadOps.Cloud.Telemetry;
using LoadOps.Core.Definitions;
using LoadOps.Runner.Execution;
using LoadOps.Runner.Telemetry;
using LoadOps.SampleTarget;
using static LoadOps.Runner.Tests.TestShards;

namespace LoadOps.Runner.Tests.Telemetry;

/// <summary>A real shard against the sample target on loopback, exporting to a local OTLP/HTTP receiver.</summary>
public sealed class ShardMetricsExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_exported_requests_errors_by_kind_latency_and_drops_equal_the_result_file()
    {
        await using var receiver = await OtlpReceiver.StartAsync(Ct);
        await using var target = await SampleTargetHost.StartAsync(new FaultSettings { ErrorRate = 0.3 });
        var definition = Definition(target.BaseUrl, Steady(3, 40), new ScenarioSpec("browse", 1, [Get("list", "/api/products")]));

        var (result, _) = await RunAsync(Spec(definition), new Dictionary<string, string> { [OtlpEndpoint.StandardVariable] = receiver.BaseUrl }, Ct);

        var points = receiver.MetricPoints();
        Assert.Contains(points, p => p.ExportIndex > 0);
        // Sums are cumulative: the last export (the flush at the shard's end) holds the totals.
        var last = points.Where(p => p.ExportIndex == points.Max(q => q.ExportIndex)).ToList();
        Assert.Equal(result.Total(), Single(last, ShardMetrics.RequestsName).Value);
        Assert.Equal(result.Total(), Single(last, ShardMetrics.DurationName).Value);
        Assert.True(result.Errors().Count > 0, "the target's error rate should have failed some requests");
        var errors = last.Where(p => p.Metric == ShardMetrics.ErrorsName).ToDictionary(p => p.Attributes[MetricTags.Kind], p => p.Value);
        Assert.Equal(result.Errors().OrderBy(e => e.Key), errors.OrderBy(e => e.Key));
        Assert.Equal(result.Health.Sum(h => h.Dropped), Single(last, ShardMetrics.DroppedName).Value);

        var duration = Single(last, ShardMetrics.DurationName);
        Assert.Equal("ms", duration.Unit);
        Assert.Equal(ShardMetrics.DurationBoundaries.Length, duration.BoundCount);
        foreach (var point in last)
        {
            Assert.Equal("run-test", point.Attributes[MetricTags.Run]);
            Assert.Equal("runner-test", point.Attributes[MetricTags.Test]);
            Assert.Equal("local", point.Attributes[MetricTags.Location]);
            Assert.Equal("run-test-s000", point.Attributes[MetricTags.Shard]);
            Assert.Equal("run-test-s000", point.Resource[MetricTags.Shard]);
            Assert.Equal("loadops-runner", point.Resource["service.name"]);
        }
        Assert.Equal("list", Single(last, ShardMetrics.RequestsName).Attributes[MetricTags.Step]);
    }

    [Fact]
    public async Task An_endpoint_that_is_not_an_address_stops_the_shard_before_any_load_with_the_variable_named()
    {
        await using var target = await SampleTargetHost.StartAsync();
        var definition = Definition(target.BaseUrl, Steady(1, 5), new ScenarioSpec("browse", 1, [Get("list", "/api/products")]));
        var directory = Directory.CreateTempSubdirectory("loadops-otlp-test-").FullName;

        var run = await ShardRunner.RunAsync(Spec(definition), directory, Ct, new ShardRunnerOptions
        {
            Output = TextWriter.Null,
            Environment = name => name == OtlpEndpoint.RunnerVariable ? "collector:4318" : null,
        });

        Assert.False(run.Started);
        Assert.Contains(run.Errors, e => e.StartsWith(OtlpEndpoint.RunnerVariable + " must be the http(s) base address", StringComparison.Ordinal));
        Assert.Equal(0, target.Faults.Requests);
    }

    [Fact]
    public void Without_an_endpoint_no_metrics_are_started()
    {
        var metrics = ShardMetrics.Start(Spec(Definition("http://127.0.0.1:1", Steady(1, 1))), _ => null, out var problem);

        Assert.Null(metrics);
        Assert.Null(problem);
    }

    private static ReceivedPoint Single(IEnumerable<ReceivedPoint> points, string metric) => Assert.Single(points, p => p.Metric == metric);
}
