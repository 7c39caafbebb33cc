namespace LoadOps.Core.Regression;

/// <summary>
/// Finds baseline runs whose error (or dropped) rate does not belong to the baseline: a run that hit an error burst
/// would otherwise lift the pooled rate <see cref="CountTest"/> compares with, and the same burst in the candidate would
/// pass. A run is an outlier when its rate exceeds the pooled rate of the other runs by more than the tolerance AND the
/// exact binomial tail says its count is implausible at that raised rate (α = 1% per look, shared by the runs looked
/// at). Only runs above the others are looked for (a run with fewer failures makes the comparison stricter, not
/// blinder); at most a quarter of the runs, and never below the minimum number of baseline runs.
/// </summary>
internal static class CountOutliers
{
    public const double Alpha = 0.01;

    /// <summary>Indices (into <paramref name="runs"/>) of the outlying runs, ascending; empty when none.</summary>
    public static IReadOnlyList<int> Find(IReadOnlyList<(long Count, long Total)> runs, double tolerance, int minimumRuns)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var most = Math.Min(runs.Count / 4, runs.Count - Math.Max(minimumRuns, 3));
        var remaining = Enumerable.Range(0, runs.Count).Where(i => runs[i].Total > 0).ToList();
        var found = new List<int>();
        while (found.Count < most && remaining.Count > 1)
        {
            var highest = remaining.MaxBy(i => runs[i].Count / (double)runs[i].Total);
            var others = remaining.Where(i => i != highest).ToList();
            var othersTotal = others.Sum(i => runs[i].Total);
            var othersRate = others.Sum(i => runs[i].Count) / (double)othersTotal;
            var (count, total) = runs[highest];
            var beyond = (count / (double)total) - othersRate > tolerance;
            if (!beyond || Binomial.UpperTail(count, total, Math.Min(1, othersRate + tolerance)) >= Alpha / remaining.Count)
                break;
            found.Add(highest);
            remaining.Remove(highest);
        }
        return [.. found.Order()];
    }
}
