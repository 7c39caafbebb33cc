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
/// make a noisy candidate look significant.
/// </summary>
public static class BaselineTest
{
    private const int Batches = 8;

    public static MetricTest Compare(Metric metric, IReadOnlyList<double> baseline, double candidate,
        IReadOnlyList<double> candidateIntervals, RegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidateIntervals);
        ArgumentNullException.ThrowIfNull(options);
        var relative = IsRelative(metric);
        var n = baseline.Count;
        var values = baseline.Select(v => Scale(v, relative)).ToArray();
        var mean = n == 0 ? double.NaN : values.Average();
        var center = relative ? Math.Exp(mean) : mean;
        var change = relative
            ? Math.Exp(Scale(candidate, relative) - mean) - 1
            : (candidate - mean) / Math.Max(Math.Abs(mean), options.FractionFloor);
        if (n < 2)
            return new MetricTest(n, center, candidate, n == 0 ? double.NaN : change, 1, double.NaN, double.NaN);

        var spread = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var floor = relative ? options.RelativeNoiseFloor : options.FractionFloor / 2;
        var noise = Math.Max(Math.Max(spread, floor), BatchMeansError([.. candidateIntervals.Select(v => Scale(v, relative))]));
        var distance = (Scale(candidate, relative) - mean) / (noise * Math.Sqrt(1 + (1.0 / n)));
        return new MetricTest(n, center, candidate, change, StudentT.TwoSidedP(distance, n - 1), noise, distance);
    }

    /// <summary>Baseline runs needed (in total) before a change this large could be called at <paramref name="alpha"/>; null when no number of runs would do (the change is within run-to-run noise).</summary>
    public static int? RunsNeeded(MetricTest test, double alpha, int maxRuns = 60)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (double.IsNaN(test.Noise) || double.IsNaN(test.Distance))
            return null;
        var effect = Math.Abs(test.Distance) * Math.Sqrt(1 + (1.0 / test.BaselineRuns));
        for (var runs = Math.Max(3, test.BaselineRuns + 1); runs <= maxRuns; runs++)
        {
            if (effect / Math.Sqrt(1 + (1.0 / runs)) >= StudentT.CriticalValue(alpha, runs - 1))
                return runs;
        }
        return null;
    }

    /// <summary>The smallest relative change that would be significant with this baseline at <paramref name="alpha"/>.</summary>
    public static double DetectableChange(Metric metric, MetricTest test, double alpha, RegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        if (double.IsNaN(test.Noise))
            return double.NaN;
        var distance = StudentT.CriticalValue(alpha, test.BaselineRuns - 1) * test.Noise * Math.Sqrt(1 + (1.0 / test.BaselineRuns));
        return IsRelative(metric) ? Math.Exp(distance) - 1 : distance / Math.Max(Math.Abs(test.BaselineValue), options.FractionFloor);
    }

    public static bool IsRelative(Metric metric) => metric.Unit() != MetricUnit.Fraction;

    private static double Scale(double value, bool relative) => relative ? Math.Log(Math.Max(value, 1e-9)) : value;

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
