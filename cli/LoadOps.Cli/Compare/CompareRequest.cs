using LoadOps.Core.Definitions;

namespace LoadOps.Cli.Compare;

/// <summary>The checked arguments of <c>loadops compare</c>; <see cref="Parse"/> turns bad ones into a message.</summary>
internal sealed record CompareRequest(IReadOnlyList<string> Baseline, IReadOnlyList<string> Current, string Format, double? Tolerance, IReadOnlyList<Metric>? Metrics)
{
    public static readonly string[] Formats = ["text", "json", "md"];

    public static CompareRequest? Parse(string[]? baseline, string[]? current, string? format, string? tolerance, string? metrics, out string? problem)
    {
        problem = null;
        if (baseline is null || baseline.Length == 0)
            problem = "--baseline RESULT... is required: the earlier runs to compare with.";
        else if (current is null || current.Length == 0 || current.Any(string.IsNullOrWhiteSpace))
            problem = "--current RESULT is required: the run to judge (several files: the same code run repeatedly, compared by their mean).";
        else if (!Formats.Contains(format ?? "text"))
            problem = $"--format '{format}' is not known; use one of: {string.Join(", ", Formats)}.";
        if (problem is not null)
            return null;
        return ParseOptions(tolerance, metrics, out var parsedTolerance, out var parsedMetrics, out problem)
            ? new CompareRequest(baseline!, current!, format ?? "text", parsedTolerance, parsedMetrics)
            : null;
    }

    /// <summary>The options <c>--series</c> shares with a baseline comparison: format, tolerance and metrics.</summary>
    public static bool ParseSeries(string? format, string? tolerance, string? metrics, out double? parsedTolerance, out IReadOnlyList<Metric>? parsedMetrics, out string? problem)
    {
        parsedTolerance = null;
        parsedMetrics = null;
        problem = Formats.Contains(format ?? "text") ? null : $"--format '{format}' is not known; use one of: {string.Join(", ", Formats)}.";
        return problem is null && ParseOptions(tolerance, metrics, out parsedTolerance, out parsedMetrics, out problem);
    }

    private static bool ParseOptions(string? tolerance, string? metrics, out double? parsedTolerance, out IReadOnlyList<Metric>? result, out string? problem)
    {
        problem = null;
        result = null;
        parsedTolerance = null;
        if (tolerance is not null)
        {
            // The same units rule as baseline.tolerance in YAML: 10% or 0.10; a bare 10 is refused, not read as 1000%.
            if (!PercentText.TryParse(tolerance, out var value, out var why))
            {
                problem = $"--tolerance: {why}.";
                return false;
            }
            parsedTolerance = value;
        }

        List<Metric>? parsedMetrics = null;
        if (metrics is not null)
        {
            parsedMetrics = [];
            foreach (var name in metrics.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!MetricInfo.TryParse(name.ToLowerInvariant(), out var metric))
                {
                    var nearest = NearestName.Find(name.ToLowerInvariant(), MetricInfo.Names);
                    problem = $"--metrics: unknown metric '{name}'" + (nearest is null ? "" : $" (did you mean '{nearest}'?)") +
                        $"; known metrics: {string.Join(", ", MetricInfo.Names)}.";
                    return false;
                }
                parsedMetrics.Add(metric);
            }
            if (parsedMetrics.Count == 0)
            {
                problem = "--metrics is empty; name at least one metric, e.g. --metrics p95,rps.";
                return false;
            }
        }
        result = parsedMetrics;
        return true;
    }
}
