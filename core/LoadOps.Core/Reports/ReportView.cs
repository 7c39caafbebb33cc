using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Reports.Charts;

namespace LoadOps.Core.Reports;

/// <summary>
/// The model as templates see it (<c>report.*</c>): every number formatted, every list in display order.
/// Text is raw; templates escape it for their format.
/// </summary>
internal sealed record ReportView
{
    public required string RunId { get; init; }
    public required string TestName { get; init; }
    public string? Commit { get; init; }
    public string? CommitShort { get; init; }
    public string? Branch { get; init; }
    public int? PullRequest { get; init; }
    public required string StartText { get; init; }
    public required string EndText { get; init; }
    public required string Timestamp { get; init; }
    public required string Elapsed { get; init; }
    public required string DurationSeconds { get; init; }

    /// <summary>pass, untrusted, improvement, fail, regression or inconclusive.</summary>
    public required string Verdict { get; init; }
    public required string VerdictTitle { get; init; }
    public required string VerdictEmoji { get; init; }
    public required string VerdictSlackEmoji { get; init; }
    public required bool Trusted { get; init; }
    public required string Headline { get; init; }

    public required IReadOnlyList<WarningView> Warnings { get; init; }
    public required IReadOnlyList<MetricRowView> Metrics { get; init; }
    public required IReadOnlyList<MetricRowView> TopChanges { get; init; }
    public required IReadOnlyList<ThresholdView> Thresholds { get; init; }
    public required IReadOnlyList<ThresholdView> FailedThresholds { get; init; }
    public required IReadOnlyList<LocationView> Locations { get; init; }
    public required IReadOnlyList<HistoryView> History { get; init; }
    public string? InconclusiveText { get; init; }

    /// <summary>Sentences about how the run was made (insecure TLS, command-line overrides); empty for a plain run.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>"52,302 requests, 0 failed, 57,698 of 110,000 arrivals dropped (52.5%)": every format shows it.</summary>
    public required string RequestsText { get; init; }
    public required IReadOnlyList<FailureView> Failures { get; init; }
    public required IReadOnlyList<RepeatView> Repeats { get; init; }
    public string? BaselineLevel { get; init; }
    public string? ReportUrl { get; init; }
    public string? RunUrl { get; init; }
    public string? CostText { get; init; }

    /// <summary>Rows left out of the tables to respect a size limit (Markdown); 0 when complete.</summary>
    public int OmittedRows { get; init; }

    public static ReportView From(ReportModel model)
    {
        var run = VerdictText.ForRun(model.Verdict, model.IsTrustworthy);
        var metrics = model.Metrics.Select(Row).ToList();
        var thresholds = model.Thresholds.Select(t => new ThresholdView(t.Text, t.Step, t.Metric.Name(),
            ValueText.Of(t.Metric, t.Actual), ValueText.Of(t.Metric, t.Limit), t.Passed)).ToList();
        return new ReportView
        {
            RunId = model.RunId,
            TestName = model.TestName,
            Commit = model.Commit,
            CommitShort = model.Commit is { Length: > 0 } c ? c[..Math.Min(7, c.Length)] : null,
            Branch = model.Branch,
            PullRequest = model.PullRequest,
            StartText = ValueText.Time(model.Start),
            EndText = ValueText.Time(model.End),
            Timestamp = model.Start.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            Elapsed = DurationText.Format(model.Duration < TimeSpan.Zero ? TimeSpan.Zero : model.Duration),
            DurationSeconds = Math.Max(0, model.Duration.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture),
            Verdict = run.Key,
            VerdictTitle = run.Title,
            VerdictEmoji = run.Emoji,
            VerdictSlackEmoji = run.SlackEmoji,
            Trusted = model.IsTrustworthy,
            Headline = model.Headline,
            Warnings = model.TrustWarnings.Select(w => new WarningView(VerdictText.ForWarning(w.Kind), w.Message, w.ShardId)).ToList(),
            Metrics = metrics,
            TopChanges = model.Metrics
                .Select((m, i) => (Model: m, View: metrics[i]))
                .OrderBy(r => VerdictText.Priority(r.Model.Verdict))
                .ThenByDescending(r => Math.Abs(r.Model.DeltaPercent ?? 0))
                .Take(3).Select(r => r.View).ToList(),
            Thresholds = thresholds,
            FailedThresholds = thresholds.Where(t => !t.Passed).ToList(),
            Locations = model.Locations.Select(l => new LocationView(l.Location, ValueText.Count(l.Requests), ValueText.Rps(l.Rps),
                ValueText.Latency(l.P95), ValueText.Count(l.Errors), ValueText.Percent(l.ErrorRate))).ToList(),
            History = model.History.Select(h => new HistoryView(MermaidChart.HistoryLabel(h), h.RunId, h.Commit,
                ValueText.Latency(h.P95), h.IsCurrent)).ToList(),
            InconclusiveText = Inconclusive(model.Inconclusive),
            RequestsText = RequestsLine(model.Requests),
            Failures = [.. model.Failures.Select(f => new FailureView(f.Step, ValueText.Count(f.Requests), ValueText.Count(f.Failed), f.ByKind,
                [.. f.Kinds.Select(k => new ErrorKindView(k.Kind, ValueText.Count(k.Count), k.Sample))]))],
            Repeats = [.. model.Repeats.Select(r => new RepeatView(r.Look, r.RunId, VerdictText.ForRow(r.VerdictAfter).Text, r.HeadlineAfter))],
            BaselineLevel = model.BaselineLevel,
            Settings = model.SettingNotes,
            ReportUrl = WebLink(model.Links.ReportUrl),
            RunUrl = WebLink(model.Links.RunUrl),
            CostText = model.CostEstimate,
        };
    }

    /// <summary>A copy whose tables hold at most <paramref name="maxRows"/> rows each, counting what was left out.</summary>
    public ReportView Capped(int maxRows)
    {
        var omitted = 0;
        IReadOnlyList<T> Cap<T>(IReadOnlyList<T> rows)
        {
            omitted += Math.Max(0, rows.Count - maxRows);
            return rows.Count <= maxRows ? rows : rows.Take(maxRows).ToList();
        }
        return this with
        {
            Warnings = Cap(Warnings),
            Metrics = Cap(Metrics),
            Thresholds = Cap(Thresholds),
            FailedThresholds = Cap(FailedThresholds),
            Locations = Cap(Locations),
            OmittedRows = omitted,
        };
    }

    public int LongestTable => new[] { Warnings.Count, Metrics.Count, Thresholds.Count, Locations.Count, History.Count }.Max();

    private static MetricRowView Row(MetricRow row)
    {
        var (text, emoji) = VerdictText.ForRow(row.Verdict);
        var p = ValueText.PValue(row.PValue);
        var significance = p.Length == 0 ? row.Significance : $"{row.Significance} ({p})";
        return new MetricRowView(row.Step, row.Metric.Name(), ValueText.Of(row.Metric, row.Baseline), ValueText.Of(row.Metric, row.Current),
            ValueText.Delta(row.DeltaPercent), significance, text, emoji,
            Failing: row.Verdict is ReportVerdict.Regression or ReportVerdict.Fail,
            Skipped: row.Verdict is ReportVerdict.Inconclusive);
    }

    private static string RequestsLine(RequestCounts? requests)
    {
        if (requests is null)
            return "";
        var line = $"{ValueText.Count(requests.Requests)} requests, {ValueText.Count(requests.Failed)} failed" +
            (requests.Failed > 0 ? $" ({requests.FailedByKind})" : "");
        if (requests.Scheduled > 0)
            line += $", {ValueText.Count(requests.Dropped)} of {ValueText.Count(requests.Scheduled)} arrivals dropped ({ValueText.Percent(requests.Dropped / (double)requests.Scheduled)})";
        return line;
    }

    private static string? Inconclusive(InconclusiveNote? note)
    {
        if (note is null || note.Metrics.Count == 0)
            return null;
        var names = string.Join(", ", note.Metrics.Take(10)) + (note.Metrics.Count > 10 ? $" and {note.Metrics.Count - 10} more" : "");
        var runs = note.MoreBaselineRuns == 1 ? "1 more baseline run" : $"{note.MoreBaselineRuns} more baseline runs";
        return $"Inconclusive: {names}. {runs} would decide.";
    }

    private static string? WebLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal)
            : null;
}
