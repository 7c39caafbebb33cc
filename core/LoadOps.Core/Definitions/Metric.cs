namespace LoadOps.Core.Definitions;

/// <summary>What a threshold or a baseline comparison measures (CONTRACTS.md).</summary>
public enum Metric
{
    P50,
    P75,
    P90,
    P95,
    P99,
    P999,
    Max,
    Mean,

    /// <summary>Completed requests per second.</summary>
    Rps,

    /// <summary>Failed requests / all requests, a fraction.</summary>
    Errors,

    /// <summary>Open model: arrivals that were due but could not be sent / all arrivals, a fraction.</summary>
    Dropped,
}

public enum MetricUnit
{
    /// <summary>Latency, stored in microseconds.</summary>
    Microseconds,
    RequestsPerSecond,
    Fraction,
}

public static class MetricInfo
{
    private static readonly Dictionary<string, Metric> ByName =
        Enum.GetValues<Metric>().ToDictionary(m => m.ToString().ToLowerInvariant(), m => m);

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryParse(string name, out Metric metric) => ByName.TryGetValue(name, out metric);

    public static string Name(this Metric metric) => metric.ToString().ToLowerInvariant();

    public static MetricUnit Unit(this Metric metric) => metric switch
    {
        Metric.Rps => MetricUnit.RequestsPerSecond,
        Metric.Errors or Metric.Dropped => MetricUnit.Fraction,
        _ => MetricUnit.Microseconds,
    };

    /// <summary>True where a larger value is worse (latency, errors); false for throughput.</summary>
    public static bool HigherIsWorse(this Metric metric) => metric != Metric.Rps;

    /// <summary>The percentile a latency metric reads from a histogram, or null for non-percentile metrics.</summary>
    public static double? Percentile(this Metric metric) => metric switch
    {
        Metric.P50 => 50,
        Metric.P75 => 75,
        Metric.P90 => 90,
        Metric.P95 => 95,
        Metric.P99 => 99,
        Metric.P999 => 99.9,
        Metric.Max => 100,
        _ => null,
    };
}
