using LoadOps.Core.Definitions;

namespace LoadOps.Core.Regression;

/// <summary>
/// Is one run's value consistent with the spread of earlier runs? The unit of evidence is the RUN: each
/// baseline run gives one value (read from its merged histogram), and their spread is the run-to-run noise,
/// which includes the within-run noise. The candidate is tested against a Student-t prediction interval:
/// t = (candidate − mean) / (s·√(1 + 1/n)), n − 1 degrees of freedom. Latency and rps are compared on a log
/// scale (changes are relative); errors and dropped on their own scale. Per-interval values of the candidate
/// are not treated as independent samples (they are correlated); they only give a floor for the noise (the
/// standard error of the run's value by batch means), so a baseline that happens to agree too well cannot
/// make a noisy candidate look significant. Nor can a baseline whose few runs happen to agree: the noise is at least their
/// spread pooled with a prior belief of the run-to-run noise (<see cref="RegressionOptions.PriorNoise"/>). Baseline runs
/// far from the others' level (a stalled run) are left out first, judged by a robust spread (<see cref="BaselineOutliers"/>), so one of them can neither widen the noise nor move the mean.
/// </summary>
public static class BaselineTest
{
    private const int Batches = 8;

    public static MetricTest Compare(Metric metric, IReadOnlyList<double> baseline, double candidate,
        IReadOnlyList<double> candidateIntervals, RegressionOptions options) =>
        Compare(metric, baseline, [candidate], candidateIntervals, options);

    /// <summary>
    /// As above with the candidate measured by several runs (the PR run repeated): their mean is compared, the noise is
    /// pooled over baseline and candidate runs (n + m − 2 degrees of freedom) and the gap is in units of
    /// noise·√(1/m + 1/n). <paramref name="candidateIntervals"/> (of one candidate run) only floor the noise when m = 1.
    /// </summary>
    public static MetricTest Compare(Metric metric, IReadOnlyList<double> baseline, IReadOnlyList<double> candidates,
        IReadOnlyList<double> candidateIntervals, RegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(candidateIntervals);
        ArgumentNullException.ThrowIfNull(options);
        if (candidates.Count == 0)
            throw new ArgumentException("At least one candidate value is needed.", nameof(candidates));
        var relative = IsRelative(metric);
        var scaled = baseline.Select(v => Scale(v, relative)).ToArray();
        var outliers = relative ? BaselineOutliers.Find(scaled, Math.Log(1 + options.Tolerance), options.MinimumBaselineRuns) : [];
        var values = scaled.Where((_, i) => !outliers.Contains(i)).ToArray();
        var n = values.Length;
        var m = candidates.Count;
        var mine = candidates.Select(v => Scale(v, relative)).ToArray();
        var mean = n == 0 ? double.NaN : values.Average();
        var own = mine.Average();
        var center = relative ? Math.Exp(mean) : mean;
        var candidate = relative ? Math.Exp(own) : own;
        var change = relative
            ? Math.Exp(own - mean) - 1
            : (own - mean) / Math.Max(Math.Abs(mean), options.FractionFloor);
        if (n < 2)
            return new MetricTest(n, center, candidate, n == 0 ? double.NaN : change, 1, double.NaN, double.NaN) { CandidateRuns = m, Outliers = outliers };

        var squares = values.Sum(v => (v - mean) * (v - mean)) + mine.Sum(v => (v - own) * (v - own));
        var spread = Math.Sqrt(squares / (n + m - 2));
        var floor = relative ? PriorPooledNoise(squares, n + m - 2, options) : options.FractionFloor / 2;
        var intervalFloor = m == 1 ? BatchMeansError([.. candidateIntervals.Select(v => Scale(v, relative))]) : 0;
        var noise = Math.Max(Math.Max(spread, floor), intervalFloor);
        var distance = (own - mean) / (noise * Math.Sqrt((1.0 / m) + (1.0 / n)));
        return new MetricTest(n, center, candidate, change, StudentT.TwoSidedP(distance, n + m - 2), noise, distance) { CandidateRuns = m, Outliers = outliers };
    }

    /// <summary>
    /// How much worse the metric may plausibly have become: the one-sided upper bound, at <paramref name="confidence"/>,
    /// of the change in the worse direction, as a fraction of the tolerance's unit (relative for latency and rps; for
    /// errors and dropped, in units of max(|baseline|, floor) like <see cref="MetricTest.RelativeChange"/>). NaN
    /// without a noise estimate. A pass needs this within the tolerance: a change the noise could hide is not ruled out.
    /// </summary>
    public static double WorstPlausibleChange(Metric metric, MetricTest test, double confidence, RegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        if (double.IsNaN(test.Noise) || double.IsNaN(test.Distance))
            return double.NaN;
        var worse = metric.HigherIsWorse() ? Gap(test) : -Gap(test);
        var bound = worse + (StudentT.CriticalValue(2 * (1 - confidence), test.DegreesOfFreedom) * StandardError(test));
        return IsRelative(metric)
            ? Math.Exp(bound) - 1
            : bound / Math.Max(Math.Abs(test.BaselineValue), options.FractionFloor);
    }

    /// <summary>Candidate runs (in total) after which <see cref="WorstPlausibleChange"/> would fall within <paramref name="tolerance"/> if the change stayed as observed; null when no number up to <paramref name="maxRuns"/> would.</summary>
    public static int? CandidateRunsToRuleOut(Metric metric, MetricTest test, double confidence, double tolerance, RegressionOptions options, int maxRuns = 30)
    {
        ArgumentNullException.ThrowIfNull(test);
        for (var runs = test.CandidateRuns + 1; runs <= maxRuns; runs++)
        {
            var more = test with { CandidateRuns = runs, Distance = Gap(test) / (test.Noise * Math.Sqrt((1.0 / runs) + (1.0 / test.BaselineRuns))) };
            if (WorstPlausibleChange(metric, more, confidence, options) <= tolerance)
                return runs;
        }
        return null;
    }

    /// <summary>The candidate's gap to the baseline mean on the test's scale (log for relative metrics).</summary>
    private static double Gap(MetricTest test) => test.Distance * StandardError(test);

    private static double StandardError(MetricTest test) =>
        test.Noise * Math.Sqrt((1.0 / test.CandidateRuns) + (1.0 / test.BaselineRuns));

    public static bool IsRelative(Metric metric) => metric.Unit() != MetricUnit.Fraction;

    private static double Scale(double value, bool relative) => relative ? Math.Log(Math.Max(value, 1e-9)) : value;

    /// <summary>
    /// The observed spread pooled with the prior belief (<see cref="RegressionOptions.PriorNoise"/> worth
    /// <see cref="RegressionOptions.PriorNoiseRuns"/> runs), as a scaled-inverse-χ² prior would give (a moderated t
    /// test), but used as a floor only and without the prior's degrees of freedom: a baseline noisier than the belief
    /// keeps its own spread, and the test is never bolder than its runs alone allow. (Counting the prior's 4 runs in the
    /// degrees of freedom was tried: it catches more from 4-run baselines, and raised false alarms at 10% noise to 1.1%.)
    /// </summary>
    private static double PriorPooledNoise(double squares, int degreesOfFreedom, RegressionOptions options)
    {
        var weight = options.PriorNoiseRuns;
        return Math.Sqrt(((weight * options.PriorNoise * options.PriorNoise) + squares) / (weight + degreesOfFreedom));
    }

    /// <summary>Standard error of a run's mean value by batch means: robust to the correlation between neighbouring intervals.</summary>
    private static double BatchMeansError(double[] intervals)
    {
        if (intervals.Length < Batches * 2)
            return 0;
        var size = intervals.Length / Batches;
        var means = Enumerable.Range(0, Batches).Select(b => intervals.Skip(b * size).Take(size).Average()).ToArray();
        var mean = means.Average();
        return Math.Sqrt(means.Sum(m => (m - mean) * (m - mean)) / (Batches - 1) / Batches);
    }
}
