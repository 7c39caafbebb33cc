using System.Globalization;
using System.Text;
using LoadOps.Core.Definitions;

namespace LoadOps.Core.Results;

/// <summary>
/// The end-of-run summary as text, read from a result and its summary: iterations, requests, data moved, status
/// codes, error kinds with a sample each, checks per step, dropped arrivals and a latency table per step. Live
/// progress and the final summary print the same figures from the same reading, so they cannot disagree.
/// </summary>
public static class ResultDigest
{
    public static IReadOnlyList<string> Lines(ResultFile result, ResultSummary summary)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(summary);
        var overall = summary.Overall;
        var totals = overall.Totals;
        var overallSteps = result.Steps.Where(s => s.Location is null || result.Steps.All(o => o.Location is not null)).ToList();
        var sent = overallSteps.SelectMany(s => s.Intervals).Sum(i => i.BytesSent);
        var received = overallSteps.SelectMany(s => s.Intervals).Sum(i => i.BytesReceived);
        var lines = new List<string>
        {
            Invariant($"iterations     {totals.Iterations:N0}") + (totals.Scheduled > 0 ? Invariant($"; arrivals {totals.Scheduled:N0}, dropped {totals.Dropped:N0}") : ""),
            Invariant($"requests       {totals.Total:N0} ({Rate(overall)}), ok {totals.Ok:N0}, failed {totals.Failed.Total:N0}{Percent(totals.Failed.Total, totals.Total)}"),
            Invariant($"data           sent {Bytes(sent)}, received {Bytes(received)}"),
        };
        if (overall.Outcomes.StatusCodes.Count > 0)
            lines.Add("status codes   " + string.Join(", ", overall.Outcomes.StatusCodes.Select(c => Invariant($"{c.Key} {c.Value:N0}"))));
        foreach (var (kind, count) in overall.Outcomes.Errors.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal))
        {
            var sample = overall.Outcomes.ErrorSamples.TryGetValue(kind, out var text) ? $": {text}" : "";
            lines.Add(Invariant($"error          {kind} {count:N0}{sample}"));
        }
        foreach (var step in summary.Steps.Where(s => s.Location is null))
        {
            var failedChecks = step.Metrics.Outcomes.Errors.Where(e => e.Key.StartsWith(ErrorKinds.CheckPrefix, StringComparison.Ordinal) || e.Key == ErrorKinds.Status).ToList();
            var answered = step.Metrics.Totals.Ok + failedChecks.Sum(c => c.Value);
            if (answered > 0)
            {
                var failed = failedChecks.Count == 0 ? "" : "; failed: " + string.Join(", ", failedChecks.Select(c => Invariant($"{c.Key.Replace(ErrorKinds.CheckPrefix, "", StringComparison.Ordinal)} {c.Value:N0}")));
                lines.Add(Invariant($"checks         {step.Scenario}/{step.Step}: {step.Metrics.Totals.Ok:N0} of {answered:N0} responses passed{failed}"));
            }
        }
        if (result.Settings is { InsecureTls: true })
            lines.Add("warning        " + RunSettingNotes.InsecureTls);
        if (result.Settings?.Overrides is { Count: > 0 } overrides)
            lines.Add("overrides      " + RunSettingNotes.Overrides(overrides));
        lines.AddRange(LatencyTable(summary));
        return lines;
    }

    private static IEnumerable<string> LatencyTable(ResultSummary summary)
    {
        var rows = summary.Steps.Where(s => s.Location is null).Select(s => (Name: $"{s.Scenario}/{s.Step}", s.Metrics)).ToList();
        if (rows.Count == 0)
            yield break;
        var width = Math.Max(4, rows.Max(r => r.Name.Length));
        Metric[] columns = [Metric.P50, Metric.P90, Metric.P95, Metric.P99, Metric.Max];
        yield return Invariant($"{"step".PadRight(width)}  {"requests",9} {"failed",7}") + string.Concat(columns.Select(c => $" {c.Name(),8}"));
        foreach (var (name, metrics) in rows)
        {
            var line = new StringBuilder(Invariant($"{name.PadRight(width)}  {metrics.Totals.Total,9:N0} {metrics.Totals.Failed.Total,7:N0}"));
            foreach (var column in columns)
                line.Append(' ').Append((metrics.Value(column) is { } us ? DurationText.FormatMicroseconds(us) : "-").PadLeft(8));
            yield return line.ToString();
        }
    }

    private static string Rate(MetricSummary overall) =>
        overall.Value(Metric.Rps) is { } rps ? Invariant($"{rps:0.#}/s") : "-/s";

    private static string Percent(long part, long whole) => whole == 0 || part == 0 ? "" : Invariant($" ({100.0 * part / whole:0.##}%)");

    /// <summary>Bytes as people read them: 812 B, 12.4 KB, 3.1 MB, 2.05 GB (powers of 1024).</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => Invariant($"{bytes} B"),
        < 1024 * 1024 => Invariant($"{bytes / 1024.0:0.#} KB"),
        < 1024L * 1024 * 1024 => Invariant($"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => Invariant($"{bytes / (1024.0 * 1024 * 1024):0.##} GB"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
