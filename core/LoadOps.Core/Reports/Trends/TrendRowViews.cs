namespace LoadOps.Core.Reports.Trends;

// Formatted rows of the history page (snake_case in templates). Strings are raw user text or formatted numbers:
// templates escape them with esc_html or esc_md.

/// <summary>One run; <c>Hover</c> is the tooltip text (run, commit, branch, trigger), <c>Changes</c> the shifts that begin here.</summary>
internal sealed record TrendRunView(
    string RunId, string StartText, string? Commit, string CommitShort, string Branch, string Trigger, string Verdict,
    string P50, string P95, string P99, string Rps, string Errors, string Requests,
    bool Accepted, bool Trusted, bool Compared, string Changes, string Hover);

internal sealed record TrendChangeView(string Metric, string RunId, string CommitShort, string Before, string After, string Change, bool Worse);

internal sealed record TrendColumnView(string RunId, string CommitShort, string Branch, string StartText, string Verdict);

/// <summary>A compared value; <c>Tone</c> is better, worse or same against the first compared run (empty on that run).</summary>
internal sealed record TrendCellView(string Value, string Delta, string Tone);

internal sealed record TrendCompareRow(string Metric, IReadOnlyList<TrendCellView> Cells);
