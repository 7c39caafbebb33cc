using System.Globalization;
using LoadOps.Core.Results;

namespace LoadOps.Core.Evaluation;

/// <summary>
/// Whether a run's numbers may be believed, before any verdict: a partial or incomplete run, the runners' own trust
/// issues (saturated CPU, schedule lag, late start) and dropped arrivals (the open model could not send what was due, so
/// the load the target saw is not the one asked for). Each problem is one sentence, the first one leads every report.
/// </summary>
public static class TrustCheck
{
    /// <summary>More dropped arrivals than this share of the scheduled ones make a run untrustworthy.</summary>
    public const double DroppedLimit = 0.001;

    public static IReadOnlyList<string> Problems(ResultFile run, ResultSummary summary)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(summary);
        var problems = new List<string>();
        if (run.Status == ResultStatus.Incomplete)
            problems.Add("incomplete: some shards never reported" + Missing(run));
        else if (run.Status == ResultStatus.Partial)
            problems.Add("partial: the run stopped before its schedule ended; the numbers cover what ran");
        if (Dropped(summary.Overall.Totals) is { } dropped)
            problems.Add(dropped);
        foreach (var issue in run.TrustIssues)
            problems.Add(issue.ShardId is null ? issue.Message : $"{issue.ShardId}: {issue.Message}");
        return problems;
    }

    /// <summary>True when <see cref="Problems"/> is empty: fit to judge and to stand in a baseline.</summary>
    public static bool IsTrustworthy(ResultFile run, ResultSummary summary) => Problems(run, summary).Count == 0;

    /// <summary>"57,698 of 110,000 arrivals dropped (52.5%)", or null when the dropped share is within <see cref="DroppedLimit"/>.</summary>
    public static string? Dropped(RequestTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        if (totals.Dropped == 0 || totals.Scheduled == 0 || totals.Dropped / (double)totals.Scheduled <= DroppedLimit)
            return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"{totals.Dropped:N0} of {totals.Scheduled:N0} arrivals dropped ({totals.Dropped * 100.0 / totals.Scheduled:0.#}%): the runners could not send the load that was due, so the target was not tested at the asked rate; use more runners or a lower rate");
    }

    private static string Missing(ResultFile run)
    {
        var missing = run.Shards.Count(s => s.Status == ResultStatus.Incomplete);
        return missing > 0 ? $" ({missing} of {run.Shards.Count})" : "";
    }
}
