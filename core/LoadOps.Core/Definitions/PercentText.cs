using System.Globalization;

namespace LoadOps.Core.Definitions;

/// <summary>
/// The one units rule for shares and tolerances, in YAML and on the command line alike: <c>10%</c> or the fraction
/// <c>0.10</c>. A bare number of 1 or more is refused with the fix, because "10" or "errors &lt; 1" are nearly always meant
/// as percentages and would silently be read as 1000% or 100%.
/// </summary>
public static class PercentText
{
    /// <summary>Parses <paramref name="text"/> into a fraction in [0, 1]; on failure <paramref name="problem"/> says what to write instead.</summary>
    public static bool TryParse(string? text, out double fraction, out string? problem)
    {
        fraction = 0;
        problem = null;
        var trimmed = (text ?? "").Trim();
        var percent = trimmed.EndsWith('%');
        var number = percent ? trimmed[..^1].TrimEnd() : trimmed;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            problem = $"'{trimmed}' is not a percentage; write a percentage such as 5% or a fraction such as 0.05";
            return false;
        }
        if (value < 0 || (percent && value > 100))
        {
            problem = $"'{trimmed}' is out of range; write a percentage between 0% and 100%, e.g. 5%";
            return false;
        }
        if (!percent && value >= 1)
        {
            var asPercent = value.ToString("0.###", CultureInfo.InvariantCulture);
            var asFraction = (value / 100).ToString("0.#####", CultureInfo.InvariantCulture);
            problem = $"'{trimmed}' has no unit and would be read as a fraction ({value * 100:0.#}%); write {asPercent}% (or the fraction {asFraction})";
            return false;
        }
        fraction = percent ? value / 100 : value;
        return true;
    }
}
