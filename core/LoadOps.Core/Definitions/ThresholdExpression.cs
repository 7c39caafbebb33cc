namespace LoadOps.Core.Definitions;

/// <summary>
/// <c>metric op value</c>, e.g. <c>p95 &lt; 300ms</c>. <see cref="Value"/> is in the metric's unit:
/// microseconds for latency, a fraction for errors and dropped, requests/s for rps.
/// </summary>
public sealed record ThresholdExpression(Metric Metric, Comparison Comparison, double Value)
{
    public bool IsMetBy(double actual) => Comparison.Holds(actual, Value);

    public override string ToString() => $"{Metric.Name()} {Comparison.Symbol()} {ValueText(Metric, Value)}";

    public static string ValueText(Metric metric, double value) => metric.Unit() switch
    {
        MetricUnit.Microseconds => DurationText.FormatMicroseconds(value),
        MetricUnit.Fraction => $"{value * 100:0.###}%",
        _ => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
    };
}
