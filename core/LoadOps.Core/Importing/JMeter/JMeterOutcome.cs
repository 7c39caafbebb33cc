using System.Globalization;
using LoadOps.Core.Importing.Results;

namespace LoadOps.Core.Importing.JMeter;

/// <summary>Maps a JMeter sample's success flag and response code onto the failure kinds of a result file.</summary>
internal static class JMeterOutcome
{
    public static SampleOutcome Of(bool success, string responseCode)
    {
        if (success)
            return SampleOutcome.Ok;
        if (int.TryParse(responseCode, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            // A 2xx/3xx marked failed was failed by an assertion, not by the server.
            return status is >= 200 and < 400 ? SampleOutcome.Check : SampleOutcome.Status;
        if (responseCode.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
            return SampleOutcome.Timeout;
        return responseCode.Contains("Connect", StringComparison.OrdinalIgnoreCase)
            || responseCode.Contains("UnknownHost", StringComparison.OrdinalIgnoreCase)
            || responseCode.Contains("NoRouteToHost", StringComparison.OrdinalIgnoreCase)
            ? SampleOutcome.Connect
            : SampleOutcome.Other;
    }

    /// <summary>JMeter names threads "GROUP N-M"; the group is the scenario.</summary>
    public static string Scenario(string? threadName)
    {
        if (string.IsNullOrWhiteSpace(threadName))
            return JtlImporter.Tool;
        var cut = threadName.LastIndexOf(' ');
        return cut > 0 && threadName[(cut + 1)..].Contains('-', StringComparison.Ordinal) && threadName[(cut + 1)..].All(c => char.IsAsciiDigit(c) || c == '-')
            ? threadName[..cut]
            : threadName;
    }

    /// <summary>JMeter's default timestamp is Unix milliseconds; a custom <c>timestamp_format</c> is read as a date (UTC unless it says otherwise).</summary>
    public static DateTimeOffset? Timestamp(string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            return ms is > 0 and < 253_402_300_800_000 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }
}
