namespace LoadOps.Runner.Tests.Telemetry;

/// <summary>
/// One metric data point as received: metric name and unit, the resource's and the point's attributes, and its value
/// (a sum's integer, or a histogram's count with its bucket bounds).
/// </summary>
internal sealed record ReceivedPoint(
    int ExportIndex, string Metric, string Unit, IReadOnlyDictionary<string, string> Resource,
    IReadOnlyDictionary<string, string> Attributes, long Value, int BoundCount)
{
    // OTLP field numbers: ExportMetricsServiceRequest.resource_metrics 1; ResourceMetrics.resource 1, scope_metrics 2;
    // Resource.attributes 1; ScopeMetrics.metrics 2; Metric.name 1, unit 3, sum 7, histogram 9; Sum and Histogram
    // .data_points 1; NumberDataPoint.as_int 6, attributes 7; HistogramDataPoint.count 4, explicit_bounds 7, attributes 9.
    public static IEnumerable<ReceivedPoint> Read(ProtoFields request, int exportIndex)
    {
        foreach (var resourceMetrics in request.Messages(1))
        {
            var resource = resourceMetrics.Message(1)?.Attributes(1) ?? new Dictionary<string, string>();
            foreach (var metric in resourceMetrics.Messages(2).SelectMany(scope => scope.Messages(2)))
            {
                var name = metric.Text(1) ?? "";
                var unit = metric.Text(3) ?? "";
                foreach (var point in metric.Message(7)?.Messages(1) ?? [])
                    yield return new ReceivedPoint(exportIndex, name, unit, resource, point.Attributes(7), point.Fixed64(6) ?? 0, 0);
                foreach (var point in metric.Message(9)?.Messages(1) ?? [])
                    yield return new ReceivedPoint(exportIndex, name, unit, resource, point.Attributes(9), point.Fixed64(4) ?? 0, BoundsIn(point));
            }
        }
    }

    /// <summary>Packed doubles of explicit_bounds: eight bytes each.</summary>
    private static int BoundsIn(ProtoFields point) => point.Length(7) / sizeof(double);
}
