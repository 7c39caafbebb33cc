using LoadOps.Core.Definitions;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Regression;
using LoadOps.Core.Results;
using Spectre.Console;

namespace LoadOps.Cli.Run;

/// <summary>The end of <c>loadops run</c>: the verdict, the numbers behind it, and where the reports are.</summary>
internal static class RunSummaryPrinter
{
    public static void Print(TextWriter output, bool interactive, ResultSummary summary, RunEvaluation evaluation, IReadOnlyList<string> files)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!interactive)
            console.Profile.Width = 160;

        // Numbers that cannot be trusted say so before any of them is shown.
        if (evaluation.Reservations.Count > 0)
            console.MarkupLine($"[yellow bold]INCONCLUSIVE (untrustworthy)[/]: {Markup.Escape(evaluation.Reservations[0])}");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("metric", "baseline", "current", "change", "verdict");
        var comparisons = evaluation.Regression?.Comparisons.Where(c => c.Step is null).ToList() ?? [];
        foreach (var metric in new[] { Metric.P50, Metric.P95, Metric.P99, Metric.Rps, Metric.Errors })
        {
            var current = summary.Overall.Value(metric);
            // Without baseline runs there is nothing to compare with: show a dash, not NaN.
            var comparison = comparisons.FirstOrDefault(c => c.Metric == metric && c.Test.BaselineRuns > 0 && double.IsFinite(c.Test.BaselineValue));
            table.AddRow(
                metric.Name(),
                comparison is null ? "-" : ThresholdExpression.ValueText(metric, comparison.Test.BaselineValue),
                current is null ? "no data" : ThresholdExpression.ValueText(metric, current.Value),
                comparison is null ? "-" : $"{comparison.Test.RelativeChange * 100:+0.0;-0.0;0.0}{(comparison.Test.InPoints ? " points" : "%")}",
                Markup.Escape(comparisons.FirstOrDefault(c => c.Metric == metric) is { } judged ? Word(judged) : "-"));
        }
        console.Write(table);
        var totals = summary.Overall.Totals;
        var requests = $"  {totals.Total:N0} requests, {totals.Failed.Total:N0} failed" + (totals.Failed.Total > 0 ? $" ({FailureText.Of(totals.Failed)})" : "") +
            (totals.Scheduled > 0 ? $", {totals.Dropped:N0} of {totals.Scheduled:N0} arrivals dropped" : "");
        console.WriteLine(requests);
        foreach (var step in summary.Steps.Where(s => s.Location is null && s.Metrics.Totals.Failed.Total > 0))
            console.WriteLine($"    {step.Scenario}/{step.Step}: {FailureText.Summary(step.Metrics.Totals)}");
        foreach (var repeat in evaluation.Repeats)
            console.WriteLine($"  run {repeat.Look} ({repeat.RunId}): {repeat.VerdictAfter.ToString().ToLowerInvariant()} after it");
        if (evaluation.BaselineLevel is { } level)
            console.WriteLine("  " + level);

        foreach (var threshold in evaluation.Thresholds)
        {
            var actual = threshold.Actual is { } value ? ThresholdExpression.ValueText(threshold.Threshold.Expression.Metric, value) : "no data";
            var scope = threshold.Threshold.Step is null ? "" : $" ({threshold.Threshold.Step})";
            console.MarkupLine($"  {(threshold.Passed ? "[green]pass[/]" : "[red]FAIL[/]")}  {Markup.Escape(threshold.Threshold.Text + scope)}: {Markup.Escape(actual)}");
        }
        foreach (var reservation in evaluation.Reservations)
            console.MarkupLine($"  [yellow]warning[/]  {Markup.Escape(reservation)}");

        console.MarkupLine($"[bold]{Markup.Escape(evaluation.Verdict.ToString().ToUpperInvariant())}[/]: {Markup.Escape(evaluation.Headline)}");
        foreach (var file in files)
            console.WriteLine("  " + file);
    }

    /// <summary>The verdict word; a pass also says how large a change it could have caught.</summary>
    private static string Word(MetricComparison comparison) =>
        comparison.Verdict == Verdict.Pass && double.IsFinite(comparison.DetectableChange)
            ? $"pass (could detect ≥ {comparison.DetectableChange * 100:0.#}{(comparison.Test.InPoints ? " points" : "%")})"
            : comparison.Verdict.ToString().ToLowerInvariant();
}
