using System.Globalization;
using System.Text.RegularExpressions;

namespace LoadOps.Core.Definitions;

/// <summary>Durations as definitions write them: <c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1h</c>, <c>1m30s</c>, <c>1.5s</c>.</summary>
public static partial class DurationText
{
    [GeneratedRegex(@"^(?:(?<n>\d+(?:\.\d+)?)(?<u>ms|us|µs|h|m|s))+$")]
    private static partial Regex Shape();

    /// <summary>Longest duration accepted anywhere; beyond it a value is surely a typo.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(7);

    public static bool TryParse(string? text, out TimeSpan duration, bool allowMicroseconds = false)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
            return false;
        var match = Shape().Match(text.Trim());
        if (!match.Success)
            return false;

        double ticks = 0;
        for (var i = 0; i < match.Groups["n"].Captures.Count; i++)
        {
            var n = double.Parse(match.Groups["n"].Captures[i].Value, CultureInfo.InvariantCulture);
            var unit = match.Groups["u"].Captures[i].Value;
            if (!allowMicroseconds && unit is "us" or "µs")
                return false;
            ticks += n * unit switch
            {
                "h" => TimeSpan.TicksPerHour,
                "m" => TimeSpan.TicksPerMinute,
                "s" => TimeSpan.TicksPerSecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                _ => TimeSpan.TicksPerMicrosecond,
            };
        }
        if (ticks > Max.Ticks)
            return false;
        duration = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    /// <summary>Short, human text for a duration, e.g. <c>2m30s</c>, <c>500ms</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
            return FormatMicroseconds(duration.Ticks / (double)TimeSpan.TicksPerMicrosecond);
        var parts = new List<string>();
        if (duration.Days > 0 || duration.Hours > 0) parts.Add($"{(int)duration.TotalHours}h");
        if (duration.Minutes > 0) parts.Add($"{duration.Minutes}m");
        if (duration.Seconds > 0 || duration.Milliseconds > 0)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Seconds + (duration.Milliseconds / 1000.0):0.###}s"));
        return string.Concat(parts);
    }

    /// <summary>A latency in microseconds as people read it: <c>850us</c>, <c>212ms</c>, <c>1.24s</c>.</summary>
    public static string FormatMicroseconds(double microseconds) => microseconds switch
    {
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{microseconds:0}us"),
        < 10_000 => string.Create(CultureInfo.InvariantCulture, $"{microseconds / 1_000:0.##}ms"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{microseconds / 1_000:0}ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{microseconds / 1_000_000:0.##}s"),
    };
}
