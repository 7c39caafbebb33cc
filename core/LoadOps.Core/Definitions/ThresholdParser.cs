using System.Globalization;
using System.Text.RegularExpressions;

namespace LoadOps.Core.Definitions;

/// <summary>Parses threshold text (<c>p95 &lt; 300ms</c>, <c>errors &lt; 1%</c>, <c>rps &gt; 150</c>). Never throws on user input.</summary>
public static partial class ThresholdParser
{
    [GeneratedRegex(@"^\s*(?<metric>[A-Za-z0-9_]+)\s*(?<op><=|>=|<|>|==|=|!=)?\s*(?<value>.*?)\s*$")]
    private static partial Regex Shape();

    /// <summary>A parse failure: <see cref="Offset"/> is the 0-based character where the problem starts.</summary>
    public sealed record Failure(string Message, int Offset, string? Suggestion = null);

    public static bool TryParse(string text, out ThresholdExpression? expression, out Failure? failure)
    {
        expression = null;
        failure = null;
        var match = Shape().Match(text ?? "");
        if (!match.Success || match.Groups["metric"].Length == 0)
        {
            failure = new Failure("expected 'metric operator value', e.g. 'p95 < 300ms'", 0);
            return false;
        }

        var metricGroup = match.Groups["metric"];
        var metricName = metricGroup.Value.ToLowerInvariant();
        if (!MetricInfo.TryParse(metricName, out var metric))
        {
            failure = new Failure($"unknown metric '{metricGroup.Value}'; known metrics: {string.Join(", ", MetricInfo.Names)}",
                metricGroup.Index, NearestName.Find(metricName, MetricInfo.Names));
            return false;
        }

        var opGroup = match.Groups["op"];
        Comparison? comparison = opGroup.Value switch
        {
            "<" => Comparison.Less,
            "<=" => Comparison.LessOrEqual,
            ">" => Comparison.Greater,
            ">=" => Comparison.GreaterOrEqual,
            _ => null,
        };
        if (comparison is null)
        {
            var at = opGroup.Success && opGroup.Length > 0 ? opGroup.Index : metricGroup.Index + metricGroup.Length;
            failure = new Failure($"expected one of < <= > >= after '{metricGroup.Value}'" +
                (opGroup.Length > 0 ? $", found '{opGroup.Value}'" : ""), at);
            return false;
        }

        var valueGroup = match.Groups["value"];
        if (!TryParseValue(metric, valueGroup.Value, out var value, out var valueProblem))
        {
            failure = new Failure(valueProblem!, valueGroup.Length > 0 ? valueGroup.Index : text!.Length);
            return false;
        }

        expression = new ThresholdExpression(metric, comparison.Value, value);
        return true;
    }

    private static bool TryParseValue(Metric metric, string text, out double value, out string? problem)
    {
        value = 0;
        problem = null;
        switch (metric.Unit())
        {
            case MetricUnit.Microseconds:
                if (DurationText.TryParse(text, out var duration, allowMicroseconds: true))
                {
                    value = duration.Ticks / (double)TimeSpan.TicksPerMicrosecond;
                    return true;
                }
                problem = $"'{text}' is not a latency; write a number with a unit, e.g. 300ms, 1.5s, 800us";
                return false;

            case MetricUnit.Fraction:
                if (PercentText.TryParse(text, out value, out var share))
                    return true;
                problem = $"not a rate of requests: {share}";
                return false;

            default:
                if (double.TryParse(text.EndsWith("/s", StringComparison.Ordinal) ? text[..^2] : text,
                        NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= 0 && double.IsFinite(value))
                    return true;
                problem = $"'{text}' is not a throughput; write requests per second as a number, e.g. 150";
                return false;
        }
    }
}
