namespace LoadOps.Core.Regression;

/// <summary>
/// Finds baseline runs that do not belong to the baseline's level: a run during which the target or the runner stalled
/// would otherwise widen the run-to-run noise (one stalled run among ten made a pass say "could detect ≥ 284%") and move
/// the baseline's mean, hiding a real regression. The test is the generalized extreme Studentized deviate test (Rosner):
/// the most extreme run is set aside and its distance from the others, in standard deviations, is compared with a
/// critical value; repeated for up to a quarter of the runs. It calls a clean baseline an outlier in at most
/// <see cref="Alpha"/> of cases, so leaving out a run almost never narrows honest noise. A run within the tolerance of the
/// others is never an outlier, and at least the minimum number of baseline runs always remains.
/// </summary>
internal static class BaselineOutliers
{
    /// <summary>Chance that a baseline without any stalled run loses a run to this test.</summary>
    public const double Alpha = 0.01;

    /// <summary>The indices of the outlying values (on the test's scale: log for latency and rps), ascending; empty when none.</summary>
    public static IReadOnlyList<int> Find(IReadOnlyList<double> values, double toleranceOnScale, int minimumRuns)
    {
        ArgumentNullException.ThrowIfNull(values);
        var most = Math.Min(values.Count / 4, values.Count - Math.Max(minimumRuns, 3));
        var remaining = Enumerable.Range(0, values.Count).ToList();
        var extremes = new List<int>();
        var found = 0;
        for (var i = 1; i <= most; i++)
        {
            var mean = remaining.Average(k => values[k]);
            var deviation = Math.Sqrt(remaining.Sum(k => (values[k] - mean) * (values[k] - mean)) / (remaining.Count - 1));
            if (deviation <= 0)
                break;
            var extreme = remaining.MaxBy(k => Math.Abs(values[k] - mean));
            var distance = Math.Abs(values[extreme] - mean) / deviation;
            var runs = remaining.Count;
            var t = StudentT.CriticalValue(Alpha / runs, runs - 2);
            var critical = (runs - 1) * t / Math.Sqrt((runs - 2 + (t * t)) * runs);
            remaining.Remove(extreme);
            extremes.Add(extreme);
            var fromOthers = Math.Abs(values[extreme] - remaining.Average(k => values[k]));
            if (distance > critical && fromOthers > toleranceOnScale)
                found = i;
        }
        return [.. extremes.Take(found).Order()];
    }
}
