using System.Globalization;
using LoadOps.Core.Definitions;

namespace LoadOps.Core.Reports;

/// <summary>Numbers as reports show them, always in the invariant culture.</summary>
internal static class ValueText
{
    public const string Missing = "–";

    public static string Of(Metric metric, double? value) => value is not { } v || double.IsNaN(v)
        ? Missing
        : metric.Unit() switch
        {
            MetricUnit.Microseconds => Latency(v),
            MetricUnit.RequestsPerSecond => Rps(v),
            _ => Percent(v),
        };

    public static string Latency(double microseconds) =>
        double.IsFinite(microseconds) ? DurationText.FormatMicroseconds(microseconds) : Missing;

    public static string Rps(double value) => double.IsFinite(value) ? Invariant($"{value:0.#}/s") : Missing;

    /// <summary>A fraction as a percentage: 0.0123 → 1.23%.</summary>
    /// <summary>A difference of two rates in percentage points: 0.012 → "1.2 points".</summary>
    public static string Points(double fraction) => double.IsFinite(fraction) ? Invariant($"{fraction * 100:0.##} points") : Missing;

    public static string Percent(double fraction) => double.IsFinite(fraction) ? Invariant($"{fraction * 100:0.##}%") : Missing;

    public static string Delta(double? percent) => percent switch
    {
        null => Missing,
        { } p when double.IsNaN(p) => Missing,
        >= 0 => Invariant($"+{percent:0.#}%"),
        _ => Invariant($"−{-percent:0.#}%"),
    };

    public static string PValue(double? p) => p switch
    {
        null => "",
        < 0.001 => "p<0.001",
        _ => Invariant($"p={p:0.###}"),
    };

    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Clock(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Number(double value) => Invariant($"{value:0.#}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
