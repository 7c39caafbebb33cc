using LoadOps.Core.Results;

namespace LoadOps.Core.Reports;

/// <summary>
/// The finer failure table of a step: one row per error kind the runner recorded (refused, dns, tls, timeout, reset,
/// protocol, a refused status, <c>check:NAME</c>), most frequent first, with the kind's masked sample message. A
/// refused status row names the codes that were refused (4xx and 5xx), so "status" never hides which.
/// </summary>
public static class FailureKinds
{
    public static IReadOnlyList<ErrorKindRow> Of(OutcomeTotals outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return [.. outcomes.Errors
            .Where(e => e.Value > 0)
            .OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new ErrorKindRow(Label(e.Key, outcomes), e.Value, outcomes.ErrorSamples.GetValueOrDefault(e.Key)))];
    }

    private static string Label(string kind, OutcomeTotals outcomes)
    {
        if (kind != ErrorKinds.Status)
            return kind;
        var refused = outcomes.StatusCodes
            .Where(c => int.TryParse(c.Key, out var code) && code >= 400 && c.Value > 0)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => $"{c.Key} ×{c.Value:N0}")
            .ToList();
        return refused.Count == 0 ? kind : $"{kind} (HTTP {string.Join(", ", refused)})";
    }
}
