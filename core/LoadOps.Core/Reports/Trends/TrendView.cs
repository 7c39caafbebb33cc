using LoadOps.Core.Definitions;

namespace LoadOps.Core.Reports.Trends;

/// <summary>The history as templates see it (<c>history.*</c>): every figure formatted, runs newest first.</summary>
internal sealed record TrendView(
    string TestName, string GeneratedText, int RunCount, string Branches,
    IReadOnlyList<TrendRunView> Runs, IReadOnlyList<TrendChangeView> ChangePoints,
    IReadOnlyList<TrendColumnView> Columns, IReadOnlyList<TrendCompareRow> Comparison,
    IReadOnlyList<string> Notes, string Tolerance, string? CompareUrl)
{
    public static TrendView From(TrendModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var compared = model.Compared.Select(e => e.RunId).ToHashSet(StringComparer.Ordinal);
        var runs = model.Entries.Reverse().Select(e => Run(e, model, compared.Contains(e.RunId))).ToList();
        var changes = model.ChangePoints.Select(c => new TrendChangeView(c.Metric.Name(), c.RunId,
            Short(model.Entries.FirstOrDefault(e => e.RunId == c.RunId)?.Commit), ValueText.Of(c.Metric, c.Before),
            ValueText.Of(c.Metric, c.After), ValueText.Delta(c.RelativeChange * 100), c.Worse)).ToList();
        var columns = model.Compared.Select(e => new TrendColumnView(e.RunId, Short(e.Commit), e.Branch ?? ValueText.Missing,
            ValueText.Time(e.Start), e.Verdict ?? ValueText.Missing)).ToList();
        var rows = TrendModel.Metrics.Select(m => new TrendCompareRow(m.Name(), Cells(m, model))).ToList();
        var branches = string.Join(", ", model.Entries.Select(e => e.Branch ?? "local").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return new TrendView(model.TestName, ValueText.Time(model.GeneratedAt), model.Entries.Count, branches, runs, changes,
            columns, rows, model.Notes, ValueText.Percent(model.Tolerance), model.CompareUrl);
    }

    /// <summary>What a tooltip says about a run: enough to find it (run, commit, branch, trigger) and its verdict.</summary>
    internal static string Hover(TrendEntry entry) =>
        $"run {entry.RunId} · commit {Short(entry.Commit)} · branch {entry.Branch ?? "local"} · trigger {entry.Trigger ?? "local"}" +
        (entry.Verdict is { } verdict ? $" · {verdict}" : "") + (entry.Accepted ? " · accepted baseline" : "");

    internal static string Short(string? commit) => commit is { Length: > 0 } c ? c[..Math.Min(7, c.Length)] : ValueText.Missing;

    private static TrendRunView Run(TrendEntry e, TrendModel model, bool compared)
    {
        var changes = string.Join("; ", model.ChangePoints.Where(c => c.RunId == e.RunId)
            .Select(c => $"{c.Metric.Name()} {ValueText.Delta(c.RelativeChange * 100)}"));
        return new TrendRunView(e.RunId, ValueText.Time(e.Start), e.Commit, Short(e.Commit), e.Branch ?? "local", e.Trigger ?? "local",
            e.Verdict ?? ValueText.Missing, ValueText.Of(Metric.P50, e.P50), ValueText.Of(Metric.P95, e.P95), ValueText.Of(Metric.P99, e.P99),
            ValueText.Of(Metric.Rps, e.Rps), ValueText.Of(Metric.Errors, e.Errors), e.Requests is { } r ? ValueText.Count(r) : ValueText.Missing,
            e.Accepted, e.Trustworthy, compared, changes, Hover(e));
    }

    private static List<TrendCellView> Cells(Metric metric, TrendModel model)
    {
        var reference = model.Compared.FirstOrDefault()?.Value(metric);
        return model.Compared.Select((e, i) =>
        {
            var value = e.Value(metric);
            if (i == 0 || reference is not { } before || value is not { } after)
                return new TrendCellView(ValueText.Of(metric, value), "", "");
            if (metric.Unit() == MetricUnit.Fraction)
                return new TrendCellView(ValueText.Of(metric, after), (after >= before ? "+" : "−") + ValueText.Points(Math.Abs(after - before)),
                    Tone(metric, after - before, 0.001));
            var change = before == 0 ? double.NaN : (after - before) / before;
            return new TrendCellView(ValueText.Of(metric, after), ValueText.Delta(change * 100), Tone(metric, change, model.Tolerance));
        }).ToList();
    }

    /// <summary>Better or worse in the metric's own direction; a change within <paramref name="within"/> (or unknown) is the same.</summary>
    private static string Tone(Metric metric, double change, double within) =>
        !double.IsFinite(change) || Math.Abs(change) <= within ? "same"
        : (change > 0) == metric.HigherIsWorse() ? "worse" : "better";
}
