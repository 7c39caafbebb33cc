using LoadOps.Core.Definitions;

namespace LoadOps.Core.Reports;

/// <summary>
/// The JUnit test cases of a run (<c>junit.*</c> in the template): first whether the result can be trusted,
/// then one case per threshold and one per regression check.
/// </summary>
internal sealed record JUnitSuiteView(IReadOnlyList<JUnitCaseView> Cases)
{
    public int Tests => Cases.Count;
    public int Failures => Cases.Count(c => c.Outcome == "failure");
    public int Skipped => Cases.Count(c => c.Outcome == "skipped");

    public static JUnitSuiteView From(ReportModel model)
    {
        var prefix = "loadops." + model.TestName;
        var cases = new List<JUnitCaseView>
        {
            model.IsTrustworthy
                ? new JUnitCaseView(prefix + ".trust", "result is trustworthy", "passed", "", "")
                : new JUnitCaseView(prefix + ".trust", "result is trustworthy", "failure",
                    $"{model.TrustWarnings.Count} trust warning(s): the numbers may not be believed",
                    string.Join("\n", model.TrustWarnings.Select(w => $"{VerdictText.ForWarning(w.Kind)}: {w.Message}"))),
        };
        foreach (var t in model.Thresholds)
        {
            var name = t.Step is null ? t.Text : $"{t.Text} (step {t.Step})";
            var detail = $"actual {ValueText.Of(t.Metric, t.Actual)}, limit {ValueText.Of(t.Metric, t.Limit)}";
            cases.Add(new JUnitCaseView(prefix + ".thresholds", name, t.Passed ? "passed" : "failure",
                t.Passed ? "" : $"threshold failed: {detail}", detail));
        }
        foreach (var m in model.Metrics)
        {
            var detail = $"baseline {ValueText.Of(m.Metric, m.Baseline)}, current {ValueText.Of(m.Metric, m.Current)}, " +
                $"delta {ValueText.Delta(m.DeltaPercent)}, {m.Significance}";
            var outcome = m.Verdict switch
            {
                ReportVerdict.Regression or ReportVerdict.Fail => "failure",
                ReportVerdict.Inconclusive => "skipped",
                _ => "passed",
            };
            var message = outcome switch
            {
                "failure" => $"{m.Metric.Name()} regressed: {detail}",
                "skipped" => $"inconclusive: {detail}",
                _ => "",
            };
            cases.Add(new JUnitCaseView(prefix + ".regression", $"{m.Step} {m.Metric.Name()}", outcome, message, detail));
        }
        return new JUnitSuiteView(cases);
    }
}
