namespace LoadOps.Core.Reports;

/// <summary>How verdicts read in reports. A pass on untrustworthy numbers is never shown as a pass.</summary>
internal static class VerdictText
{
    public static (string Key, string Title, string Emoji, string SlackEmoji) ForRun(ReportVerdict verdict, bool trustworthy) =>
        (verdict, trustworthy) switch
        {
            (ReportVerdict.Pass, true) => ("pass", "Pass", "✅", ":white_check_mark:"),
            (ReportVerdict.Pass, false) => ("untrusted", "Not trustworthy (would pass)", "⚠️", ":warning:"),
            (ReportVerdict.Improvement, true) => ("improvement", "Improvement", "✅", ":white_check_mark:"),
            (ReportVerdict.Improvement, false) => ("untrusted", "Not trustworthy (would be an improvement)", "⚠️", ":warning:"),
            (ReportVerdict.Fail, _) => ("fail", "Fail", "❌", ":x:"),
            (ReportVerdict.Regression, _) => ("regression", "Regression", "❌", ":x:"),
            (ReportVerdict.Inconclusive, false) => ("untrusted", "Inconclusive (untrustworthy)", "⚠️", ":warning:"),
            _ => ("inconclusive", "Inconclusive", "❔", ":grey_question:"),
        };

    public static (string Text, string Emoji) ForRow(ReportVerdict verdict) => verdict switch
    {
        ReportVerdict.Pass => ("pass", "✅"),
        ReportVerdict.Fail => ("fail", "❌"),
        ReportVerdict.Regression => ("regression", "❌"),
        ReportVerdict.Improvement => ("improvement", "🟢"),
        _ => ("inconclusive", "❔"),
    };

    public static string ForWarning(TrustWarningKind kind) => kind switch
    {
        TrustWarningKind.UntrustworthyShard => "Untrustworthy shard",
        TrustWarningKind.Partial => "Partial run",
        TrustWarningKind.Approximate => "Approximate latencies",
        TrustWarningKind.Dropped => "Dropped arrivals",
        _ => "Incomplete run",
    };

    /// <summary>Sort key: the changes a reviewer must see first.</summary>
    public static int Priority(ReportVerdict verdict) => verdict switch
    {
        ReportVerdict.Regression or ReportVerdict.Fail => 0,
        ReportVerdict.Improvement => 1,
        ReportVerdict.Inconclusive => 2,
        _ => 3,
    };
}
