using LoadOps.Core.Definitions;
using LoadOps.Core.Results;

namespace LoadOps.Core.Regression;

/// <summary>
/// Errors and dropped arrivals compared as counts, not as noisy per-run fractions: the candidate's failures out of its
/// requests against the baseline's pooled rate p₀ (all baseline failures over all baseline requests). A regression is
/// evidence that the candidate's rate exceeds p₀ + tolerance (tolerance in points): the exact one-sided binomial tail
/// P(X ≥ x | N, p₀ + tolerance). 0 failures of N against 0 of M has p = 1 and passes. Burstiness between runs is
/// not modelled; the tolerance in points is what absorbs it, and a baseline run far above the others (an error burst)
/// is left out before the pooling (<see cref="CountOutliers"/>).
/// </summary>
public static class CountTest
{
    /// <summary>The failed (errors) or dropped (dropped) count and the total it is out of, for one summary.</summary>
    public static (long Count, long Total)? CountsOf(Metric metric, MetricSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return metric switch
        {
            Metric.Errors when summary.Totals.Total > 0 => (summary.Totals.Failed.Total, summary.Totals.Total),
            Metric.Dropped when summary.Totals.Scheduled > 0 => (summary.Totals.Dropped, summary.Totals.Scheduled),
            _ => null,
        };
    }

    public static bool AppliesTo(Metric metric) => metric is Metric.Errors or Metric.Dropped;

    public static MetricTest Compare(IReadOnlyList<(long Count, long Total)> baseline, IReadOnlyList<(long Count, long Total)> candidates, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidates);
        var x = candidates.Sum(c => c.Count);
        var n = candidates.Sum(c => c.Total);
        var baseTotal = baseline.Sum(b => b.Total);
        var p0 = baseTotal == 0 ? double.NaN : baseline.Sum(b => b.Count) / (double)baseTotal;
        var rate = n == 0 ? double.NaN : x / (double)n;
        var p = double.IsNaN(p0) || n == 0 ? 1 : Binomial.UpperTail(x, n, Math.Min(1, p0 + tolerance));
        var noise = double.IsNaN(p0) || n == 0 ? double.NaN : Math.Sqrt(Math.Max(p0, 1.0 / n) * (1 - p0) / n);
        return new MetricTest(baseline.Count, p0, rate, rate - p0, p, noise, (rate - p0) / noise)
        {
            CandidateRuns = candidates.Count,
            InPoints = true,
            CandidateCount = x,
            CandidateTotal = n,
        };
    }

    /// <summary>P(a rate this low or lower | rate p₀ − tolerance): evidence of an improvement beyond the tolerance; 1 when p₀ ≤ tolerance.</summary>
    public static double BetterP(MetricTest test, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(test);
        var limit = test.BaselineValue - tolerance;
        return limit <= 0 || test.CandidateTotal == 0 ? 1 : Binomial.LowerTail(test.CandidateCount, test.CandidateTotal, limit);
    }

    /// <summary>The smallest rise in the rate, in points, that <paramref name="alpha"/> would have called a regression with this many requests.</summary>
    public static double DetectableChange(MetricTest test, double tolerance, double alpha)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (test.CandidateTotal == 0 || double.IsNaN(test.BaselineValue))
            return double.NaN;
        var critical = Binomial.CriticalCount(test.CandidateTotal, Math.Min(1, test.BaselineValue + tolerance), alpha);
        return Math.Max(tolerance, (critical / (double)test.CandidateTotal) - test.BaselineValue);
    }

    /// <summary>The upper bound, at <paramref name="confidence"/>, of how many points worse the rate may be.</summary>
    public static double WorstPlausibleChange(MetricTest test, double confidence)
    {
        ArgumentNullException.ThrowIfNull(test);
        return test.CandidateTotal == 0 ? double.NaN : Binomial.UpperBound(test.CandidateCount, test.CandidateTotal, confidence) - test.BaselineValue;
    }
}
