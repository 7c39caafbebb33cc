using System.Globalization;
using System.Text;
using System.Text.Json;
using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;
using LoadOps.Core.Serialization;

namespace LoadOps.Cli.Compare;

/// <summary>Writes a <see cref="SeriesReport"/> as text, Markdown or JSON: one line per shift, the run where it began first.</summary>
internal static class SeriesRenderer
{
    private static readonly string[] Header = ["began at run", "commit", "time (UTC)", "metric", "before", "after", "change", "p", "direction"];

    public static string Render(SeriesReport report, IReadOnlyList<Metric> metrics, double tolerance, string format) => format switch
    {
        "json" => Json(report, metrics, tolerance),
        "md" => Markdown(report),
        _ => Text(report),
    };

    private static string Headline(SeriesReport report) =>
        report.TooShort ? $"too little history: {report.Runs} usable run(s), at least {report.RunsNeeded} needed"
        : report.CannotTell ? $"too little history to tell: a change in {report.Runs} runs is not significant yet"
        : report.Shifts.Count == 0 ? $"no shift in {report.Runs} runs"
        : $"{report.Shifts.Count} shift(s) in {report.Runs} runs" + (report.HasRegression ? $", first for the worse at run {report.Shifts.First(s => s.Worse).At.RunId}" : ", none for the worse");

    private static string[][] Rows(SeriesReport report) =>
    [
        .. report.Shifts.Select(s => new[]
        {
            s.At.RunId, s.At.Commit is { Length: > 0 } c ? c[..Math.Min(12, c.Length)] : "-",
            s.At.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), s.Metric.Name(),
            ThresholdExpression.ValueText(s.Metric, s.Point.MeanBefore), ThresholdExpression.ValueText(s.Metric, s.Point.MeanAfter),
            (s.RelativeChange * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%",
            s.Point.PValue.ToString("0.###", CultureInfo.InvariantCulture), s.Worse ? "worse" : "better",
        }),
    ];

    private static string Text(SeriesReport report)
    {
        var text = new StringBuilder().AppendLine("series: " + Headline(report));
        var rows = Rows(report);
        if (rows.Length > 0)
        {
            var widths = Enumerable.Range(0, Header.Length).Select(i => rows.Select(r => r[i].Length).Append(Header[i].Length).Max()).ToArray();
            foreach (var row in rows.Prepend(Header))
                text.AppendLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }
        foreach (var note in report.Notes)
            text.AppendLine("note: " + note);
        return text.ToString();
    }

    private static string Markdown(SeriesReport report)
    {
        var text = new StringBuilder().AppendLine("**Series: " + Headline(report) + "**");
        var rows = Rows(report);
        if (rows.Length > 0)
        {
            text.AppendLine().AppendLine("| " + string.Join(" | ", Header) + " |").AppendLine("|" + string.Concat(Header.Select(_ => "---|")));
            foreach (var row in rows)
                text.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }
        foreach (var note in report.Notes)
            text.AppendLine().AppendLine("> " + note);
        return text.ToString();
    }

    private static string Json(SeriesReport report, IReadOnlyList<Metric> metrics, double tolerance)
    {
        var document = new
        {
            verdict = report.CannotTell ? "inconclusive" : report.HasRegression ? "regression" : "pass",
            runs = report.Runs,
            runsNeeded = report.RunsNeeded,
            metrics = metrics.Select(m => m.Name()),
            tolerance,
            shifts = report.Shifts.Select(s => new
            {
                metric = s.Metric.Name(),
                runId = s.At.RunId,
                commit = s.At.Commit,
                start = s.At.Start,
                index = s.Point.Index,
                before = s.Point.MeanBefore,
                after = s.Point.MeanAfter,
                relativeChange = s.RelativeChange,
                pValue = s.Point.PValue,
                direction = s.Worse ? "worse" : "better",
            }),
            notes = report.Notes,
        };
        return JsonSerializer.Serialize(document, LoadOpsJson.Options) + Environment.NewLine;
    }
}
