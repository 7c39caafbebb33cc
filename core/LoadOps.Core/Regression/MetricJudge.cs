using System.Globalization;
using LoadOps.Core.Definitions;

namespace LoadOps.Core.Regression;

/// <summary>
/// The decision rule for one metric: a regression when the evidence says it got worse (significant after Holm, one-sided)
/// AND the change is beyond the tolerance; an improvement likewise in the better direction; otherwise a pass that states
/// the smallest change it could have caught. Inconclusive only when the data cannot speak: too few baseline runs, or
/// (with strict equivalence) a pass that cannot rule out a change beyond the tolerance.
/// </summary>
internal static class MetricJudge
{
    public static MetricComparison Judge(string? scenario, string? step, Metric metric, MetricTest test, double worseP, double betterP,
        int testCount, RegressionOptions options)
    {
        MetricComparison Make(Verdict verdict, string reason) => new(scenario, step, metric, test, worseP, verdict, reason);
        if (test.BaselineRuns < options.MinimumBaselineRuns)
            return Make(Verdict.Inconclusive, $"only {test.BaselineRuns} baseline run(s) have {metric.Name()} here; at least {options.MinimumBaselineRuns} are needed to know the run-to-run noise.")
                with { MoreRunsNeeded = options.MinimumBaselineRuns - test.BaselineRuns };

        var alpha = options.EffectiveAlpha;
        var tolerance = test.InPoints ? options.ErrorTolerance : options.Tolerance;
        var worse = WorseChange(metric, test);
        var change = Change(test);
        var p = Format(worseP);
        if (worseP < alpha && worse > tolerance)
            return Make(Verdict.Regression, $"{change} (worse), significant (p = {p} after Holm), beyond the {ToleranceText(test, tolerance)} tolerance.");
        if (betterP < alpha && -worse > tolerance)
            return Make(Verdict.Improvement, $"{change} (better), significant (p = {Format(betterP)} after Holm).");

        var detectable = test.InPoints
            ? CountTest.DetectableChange(test, tolerance, alpha / testCount)
            : Math.Max(tolerance, RelativeDetectable(metric, test, alpha / testCount));
        var can = CouldDetect(test, detectable);
        var settled = Worst(metric, test, options.SettleConfidence, options) <= tolerance;
        string why = worse > tolerance
            ? $"{change} (worse) but within run-to-run noise (±{Noise(test)}, p = {p} after Holm): no evidence of a regression beyond the {ToleranceText(test, tolerance)} tolerance"
            : worseP < alpha
                ? $"{change} (worse), significant but within the {ToleranceText(test, tolerance)} tolerance"
                : $"{change}, within the {ToleranceText(test, tolerance)} tolerance";
        if (options.RequireEquivalence && !(Worst(metric, test, options.PassConfidence, options) <= tolerance))
            return Strict(test, metric, why, tolerance, options, Make) with { DetectableChange = detectable, Settled = false };
        return Make(Verdict.Pass, $"{why}; {can}.") with { DetectableChange = detectable, Settled = settled };
    }

    /// <summary>How much worse (positive) or better (negative) the candidate is, in the tolerance's unit.</summary>
    private static double WorseChange(Metric metric, MetricTest test) =>
        test.InPoints || metric.HigherIsWorse() ? test.RelativeChange : -test.RelativeChange;

    private static double Worst(Metric metric, MetricTest test, double confidence, RegressionOptions options) =>
        test.InPoints ? CountTest.WorstPlausibleChange(test, confidence) : BaselineTest.WorstPlausibleChange(metric, test, confidence, options);

    private static double RelativeDetectable(Metric metric, MetricTest test, double alpha)
    {
        var distance = StudentT.OneSidedCriticalValue(alpha, test.DegreesOfFreedom) *
            test.Noise * Math.Sqrt((1.0 / test.CandidateRuns) + (1.0 / test.BaselineRuns));
        return metric.HigherIsWorse() ? Math.Exp(distance) - 1 : 1 - Math.Exp(-distance);
    }

    /// <summary>Strict equivalence: a pass that cannot rule out a change beyond the tolerance is inconclusive, with advice.</summary>
    private static MetricComparison Strict(MetricTest test, Metric metric, string why, double tolerance, RegressionOptions options,
        Func<Verdict, string, MetricComparison> make)
    {
        var worst = Worst(metric, test, options.PassConfidence, options);
        var runs = test.InPoints ? null : BaselineTest.CandidateRunsToRuleOut(metric, test, options.PassConfidence, tolerance, options);
        var advice = runs is { } r
            ? $"repeating the run about {r - test.CandidateRuns} more time(s) and comparing the mean would likely settle it"
            : "more runs alone would hardly settle it: make the runs steadier or longer, or widen the tolerance";
        var confidence = (options.PassConfidence * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
        return make(Verdict.Inconclusive, $"{why}, but equivalence is required and the noise cannot rule out {ChangeText(test, worst)} worse ({confidence} confidence); {advice}.")
            with { MoreRunsNeeded = runs - test.CandidateRuns, MoreCandidateRunsNeeded = runs - test.CandidateRuns };
    }

    private static string Change(MetricTest test) => test.InPoints
        ? $"{Percent(test.BaselineValue)} → {Percent(test.CandidateValue)} ({Points(test.RelativeChange, signed: true)})"
        : Percent(test.RelativeChange, signed: true);

    /// <summary>
    /// A detectable slowdown beyond this is stated as a bound: with few, noisy baseline runs the computed figure runs to
    /// absurd sizes ("≥ 3381244022913250000000000%"), and what a reader needs to know is that the gate saw nothing.
    /// </summary>
    private const double DetectableStatedUpTo = 10;

    /// <summary>"could detect ≥ 12%", or for a gate that could not have caught even a tenfold change, that and why.</summary>
    internal static string CouldDetect(MetricTest test, double detectable) =>
        !test.InPoints && detectable > DetectableStatedUpTo
            ? $"could detect no change under {Percent(DetectableStatedUpTo)}: the {test.BaselineRuns} baseline runs are too few for their noise, and more runs or steadier ones sharpen the gate"
            : $"could detect ≥ {ChangeText(test, detectable)}";

    private static string ChangeText(MetricTest test, double value) => test.InPoints ? Points(value, signed: false) : Percent(value);

    private static string ToleranceText(MetricTest test, double tolerance) => test.InPoints ? Points(tolerance, signed: false) : Percent(tolerance);

    private static string Noise(MetricTest test) => test.InPoints ? Points(test.Noise, signed: false) : Percent(test.Noise);

    private static string Format(double p) => p.ToString("0.####", CultureInfo.InvariantCulture);

    internal static string Points(double fraction, bool signed) =>
        (fraction * 100).ToString(signed ? "+0.##;-0.##;0" : "0.##", CultureInfo.InvariantCulture) + " points";

    internal static string Percent(double fraction, bool signed = false) =>
        double.IsNaN(fraction) ? "?" : (fraction * 100).ToString(signed ? "+0.#;-0.#;0" : "0.##", CultureInfo.InvariantCulture) + "%";
}
