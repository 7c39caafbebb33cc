using System.Globalization;
using System.Text;
using System.Text.Json;
using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;
using LoadOps.Core.Serialization;

namespace LoadOps.Cli.Compare;

/// <summary>Writes a <see cref="RegressionReport"/> as a text table, a Markdown table or JSON.</summary>
internal static class CompareRenderer
{
    private static readonly string[] Header = ["scope", "metric", "baseline", "current", "change", "p (Holm)", "verdict", "why"];

    public static string Render(RegressionReport report, RegressionOptions options, string format) => format switch
    {
        "json" => Json(report, options),
        "md" => Markdown(report),
        _ => Text(report),
    };

    private static string[][] Rows(RegressionReport report) =>
    [
        .. report.Comparisons.Select(c => new[]
        {
            c.Scope, c.Metric.Name(), Value(c.Metric, c.Test.BaselineValue), Value(c.Metric, c.Test.CandidateValue),
            double.IsNaN(c.Test.RelativeChange) ? "-" : (c.Test.RelativeChange * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + (c.Test.InPoints ? " points" : "%"),
            c.Test.BaselineRuns < 2 ? "-" : c.AdjustedPValue.ToString("0.####", CultureInfo.InvariantCulture),
            c.Verdict.ToString().ToLowerInvariant(), c.Reason,
        }),
    ];

    private static string Text(RegressionReport report)
    {
        var rows = Rows(report);
        var widths = Enumerable.Range(0, Header.Length - 1).Select(i => rows.Select(r => r[i].Length).Append(Header[i].Length).Max()).ToArray();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"verdict: {report.Verdict.ToString().ToLowerInvariant()} ({report.BaselineRuns} baseline run(s))");
        foreach (var row in rows.Prepend(Header))
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i < widths.Length ? cell.PadRight(widths[i]) : cell)).TrimEnd());
        foreach (var note in report.Notes)
            text.AppendLine("note: " + note);
        return text.ToString();
    }

    private static string Markdown(RegressionReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"**Verdict: {report.Verdict.ToString().ToLowerInvariant()}** against {report.BaselineRuns} baseline run(s)");
        text.AppendLine();
        text.AppendLine("| " + string.Join(" | ", Header) + " |");
        text.AppendLine("|" + string.Concat(Header.Select(_ => "---|")));
        foreach (var row in Rows(report))
            text.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        foreach (var note in report.Notes)
            text.AppendLine().AppendLine("> " + note);
        return text.ToString();
    }

    private static string Json(RegressionReport report, RegressionOptions options)
    {
        var document = new
        {
            verdict = report.Verdict,
            baselineRuns = report.BaselineRuns,
            tolerance = options.Tolerance,
            errorTolerance = options.ErrorTolerance,
            alpha = options.Alpha,
            notes = report.Notes,
            comparisons = report.Comparisons.Select(c => new
            {
                scenario = c.Scenario,
                step = c.Step,
                metric = c.Metric.Name(),
                baseline = Finite(c.Test.BaselineValue),
                current = Finite(c.Test.CandidateValue),
                relativeChange = Finite(c.Test.RelativeChange),
                pValue = Finite(c.Test.PValue),
                adjustedPValue = Finite(c.AdjustedPValue),
                noise = Finite(c.Test.Noise),
                detectableChange = Finite(c.DetectableChange),
                changeInPoints = c.Test.InPoints,
                settled = c.Settled,
                verdict = c.Verdict,
                reason = c.Reason,
                moreRunsNeeded = c.MoreRunsNeeded,
                moreCandidateRunsNeeded = c.MoreCandidateRunsNeeded,
                candidateRuns = c.Test.CandidateRuns,
            }),
        };
        return JsonSerializer.Serialize(document, LoadOpsJson.Options) + Environment.NewLine;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string Value(Metric metric, double value) =>
        double.IsNaN(value) ? "-" : ThresholdExpression.ValueText(metric, value);
}
