using System.Globalization;
using LoadOps.Core.Results;

namespace LoadOps.Core.Evaluation;

/// <summary>Failed requests in words, by kind and largest first: "connect 52,302", "status 12, check 3".</summary>
public static class FailureText
{
    public static string Of(FailureCounts failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var kinds = new (string Name, long Count)[]
        {
            ("status", failed.Status), ("timeout", failed.Timeout), ("connect", failed.Connect), ("check", failed.Check), ("other", failed.Other),
        };
        var parts = kinds.Where(k => k.Count > 0).OrderByDescending(k => k.Count)
            .Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Name} {k.Count:N0}")).ToList();
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    /// <summary>"52,302 of 52,302 requests failed (connect 52,302)".</summary>
    public static string Summary(RequestTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return string.Create(CultureInfo.InvariantCulture, $"{totals.Failed.Total:N0} of {totals.Total:N0} requests failed ({Of(totals.Failed)})");
    }
}
