using System.Diagnostics.Metrics;
using HdrHistogram;
using LoadOps.Cloud.Telemetry;
using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace LoadOps.Runner.Telemetry;

/// <summary>
/// The shard's interval figures as OpenTelemetry metrics, exported over OTLP/HTTP (protobuf) once per interval and
/// flushed when the shard ends. Created only when an endpoint is set (<see cref="Start"/>), so a run without one
/// starts no SDK and pays nothing. Attributes are names from the definition and the run's ids, never values.
/// </summary>
internal sealed class ShardMetrics : IDisposable
{
    public const string MeterName = "LoadOps.Runner";
    public const string RequestsName = "loadops.requests";
    public const string ErrorsName = "loadops.errors";
    public const string DurationName = "loadops.request.duration";
    public const string DroppedName = "loadops.arrivals.dropped";

    /// <summary>Latency bucket bounds in milliseconds: fine below 100 ms, where most web latency is, coarse above.</summary>
    internal static readonly double[] DurationBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000];

    private readonly Meter _meter;
    private readonly MeterProvider _provider;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _dropped;
    private readonly KeyValuePair<string, object?>[] _shardTags;

    private ShardMetrics(ShardSpec spec, OtlpEndpoint endpoint)
    {
        _shardTags = MetricTags.Of(spec);
        _meter = new Meter(MeterName);
        _requests = _meter.CreateCounter<long>(RequestsName, "{request}", "Requests finished, by scenario and step");
        _errors = _meter.CreateCounter<long>(ErrorsName, "{request}", "Failed requests, by error kind");
        _duration = _meter.CreateHistogram<double>(DurationName, "ms", "Request latency from the intended start");
        _dropped = _meter.CreateCounter<long>(DroppedName, "{arrival}", "Open-model arrivals dropped (no user free in time)");
        _provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService("loadops-runner", serviceInstanceId: spec.ShardId).AddAttributes(_shardTags.Select(t => new KeyValuePair<string, object>(t.Key, t.Value ?? ""))))
            .AddMeter(MeterName)
            .AddView(DurationName, new ExplicitBucketHistogramConfiguration { Boundaries = DurationBoundaries })
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                exporter.Endpoint = endpoint.For("metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)Math.Clamp(spec.Interval.TotalMilliseconds, 1000, 60000);
            })
            .Build();
    }

    /// <summary>
    /// The shard's metrics when an endpoint is set (<see cref="OtlpEndpoint.RunnerVariable"/> or the standard
    /// variable), else null. <paramref name="problem"/> says why a set endpoint cannot be used.
    /// </summary>
    public static ShardMetrics? Start(ShardSpec spec, Func<string, string?> environment, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var endpoint = OtlpEndpoint.Resolve(environment(OtlpEndpoint.RunnerVariable), OtlpEndpoint.RunnerVariable, environment, out problem);
        return endpoint is null ? null : new ShardMetrics(spec, endpoint);
    }

    /// <summary>One closed interval of one step; <paramref name="latencies"/> (microseconds) holds that interval's requests.</summary>
    public void Record(string scenario, string step, IntervalStats stats, HistogramBase latencies)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(latencies);
        var tags = MetricTags.ForStep(_shardTags, scenario, step);
        if (stats.Total > 0)
            _requests.Add(stats.Total, tags);
        foreach (var (kind, count) in stats.Errors ?? new Dictionary<string, long>())
            _errors.Add(count, MetricTags.WithKind(tags, kind));
        foreach (var value in latencies.RecordedValues())
        {
            var milliseconds = latencies.HighestEquivalentValue(value.ValueIteratedTo) / 1000.0;
            for (var i = 0L; i < value.CountAtValueIteratedTo; i++)
                _duration.Record(milliseconds, tags);
        }
    }

    /// <summary>Arrivals of one closed interval that were dropped; zero too, so a dashboard shows "none" rather than "no data".</summary>
    public void RecordDropped(long dropped) => _dropped.Add(dropped, _shardTags);

    /// <summary>Exports what is left (the last interval) and stops the SDK.</summary>
    public void Dispose()
    {
        _provider.ForceFlush(5000);
        _provider.Dispose();
        _meter.Dispose();
    }
}
