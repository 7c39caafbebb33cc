using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;
using LoadOps.Core.Results;

namespace LoadOps.Bench.Results;

/// <summary>
/// Verdicts of <see cref="RegressionAnalyzer"/> on synthetic histories with known truth. Each run has 120 interval
/// values of one metric (p95) with AR(1) within-run noise (ρ = 0.5); its run-level value is the geometric mean of
/// its intervals (a stand-in for reading the run's percentile from its merged histogram). Two noise models:
/// "within": the CV applies to intervals only, every run has the same true level;
/// "between": each run also gets its own level, log-normal with the same CV (run-to-run variance), plus the
/// within-run noise. 10 baseline runs; the candidate's true level is shifted by the given amount (higher = worse).
/// </summary>
internal static class RegressionAccuracy
{
    private const int Intervals = 120;
    private const int BaselineRuns = 10;
    private const double Rho = 0.5;
    private static readonly RegressionOptions Options = new() { Metrics = [Metric.P95] };

    public static void Run(int trials)
    {
        Console.WriteLine($"trials per cell: {trials}; baseline runs: {BaselineRuns}; tolerance {Options.Tolerance:P0}; alpha {Options.Alpha} one-sided (Holm; one metric here)");
        foreach (var model in new[] { "within", "between" })
        {
            Console.WriteLine();
            Console.WriteLine($"noise model: {model}, one candidate run");
            Console.WriteLine("| CV | shift | regression | inconclusive | pass | improvement | median 'could detect' of the passes |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var cv in new[] { 0.02, 0.05, 0.10 })
            {
                foreach (var shift in new[] { 0.0, 0.05, 0.10, 0.20 })
                {
                    var random = new Random((model == "between" ? 100_000 : 0) + (int)(cv * 1_000 * 100) + (int)(shift * 100));
                    var counts = new int[4];
                    var detectable = new List<double>();
                    for (var t = 0; t < trials; t++)
                    {
                        var (report, _) = Trial(random, cv, shift, model == "between", maxRuns: 1);
                        counts[(int)report.Verdict]++;
                        if (report.Verdict == Verdict.Pass)
                            detectable.Add(report.Comparisons[0].DetectableChange);
                    }
                    Console.WriteLine($"| {cv:P0} | {shift:P0} | {Rates(counts, trials)} | {Median(detectable)} |");
                }
            }
        }
    }

    /// <summary>The between model with <c>repeat: N</c>: the candidate is run again while the comparison is not settled, at most N times.</summary>
    public static void Repeated(int trials)
    {
        Console.WriteLine();
        Console.WriteLine("noise model: between, candidate repeated until settled (repeat: N)");
        Console.WriteLine("| CV | shift | N | regression | inconclusive | pass | improvement | mean runs | runs at p90 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (cv, shift) in new[] { (0.02, 0.0), (0.02, 0.10), (0.05, 0.0), (0.05, 0.05), (0.05, 0.10), (0.10, 0.0), (0.10, 0.20) })
        {
            foreach (var n in new[] { 1, 8, 16, 20 })
            {
                var random = new Random(200_000 + (int)(cv * 1_000 * 100) + (int)(shift * 100) + (n * 7));
                var counts = new int[4];
                var runs = new List<int>();
                for (var t = 0; t < trials; t++)
                {
                    var (report, used) = Trial(random, cv, shift, betweenRuns: true, maxRuns: n);
                    counts[(int)report.Verdict]++;
                    runs.Add(used);
                }
                runs.Sort();
                Console.WriteLine($"| {cv:P0} | {shift:P0} | {n} | {Rates(counts, trials)} | {runs.Average().ToString("0.0", CultureInfo.InvariantCulture)} | {runs[(int)(0.9 * (runs.Count - 1))]} |");
            }
        }
    }

    /// <summary>
    /// The between model with short baselines (4 and 6 runs), where the prior noise (<see cref="RegressionOptions.PriorNoise"/>)
    /// matters most: false alarms at low noise, and whether a 40% slowdown is still caught from one run.
    /// </summary>
    public static void ShortBaselines(int trials)
    {
        Console.WriteLine();
        Console.WriteLine("noise model: between, short baselines, one candidate run");
        Console.WriteLine("| baseline runs | CV | shift | regression | inconclusive | pass | improvement | median 'could detect' of the passes |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var runs in new[] { 4, 6 })
        {
            foreach (var cv in new[] { 0.01, 0.03, 0.05 })
            {
                foreach (var shift in new[] { 0.0, 0.40 })
                {
                    var random = new Random(300_000 + (runs * 10_000) + (int)(cv * 1_000 * 100) + (int)(shift * 100));
                    var counts = new int[4];
                    var detectable = new List<double>();
                    for (var t = 0; t < trials; t++)
                    {
                        var (report, _) = Trial(random, cv, shift, betweenRuns: true, maxRuns: 1, baselineRuns: runs);
                        counts[(int)report.Verdict]++;
                        if (report.Verdict == Verdict.Pass)
                            detectable.Add(report.Comparisons[0].DetectableChange);
                    }
                    Console.WriteLine($"| {runs} | {cv:P0} | {shift:P0} | {Rates(counts, trials)} | {Median(detectable)} |");
                }
            }
        }
    }

    private static (RegressionReport Report, int Runs) Trial(Random random, double cv, double shift, bool betweenRuns, int maxRuns, int baselineRuns = BaselineRuns)
    {
        var baseline = Enumerable.Range(0, baselineRuns).Select(i => Summary($"b{i}", SimulateRun(random, cv, 0, betweenRuns), withIntervals: false)).ToList();
        var candidates = new List<ResultSummary>();
        for (var look = 1; ; look++)
        {
            candidates.Add(Summary($"c{look}", SimulateRun(random, cv, shift, betweenRuns), withIntervals: true));
            var report = RegressionAnalyzer.Analyze(candidates, baseline, Options with { LookAlpha = RepeatPlan.LookAlpha(Options.Alpha, look, maxRuns) });
            if (!RepeatPlan.ShouldRepeat(report, look, maxRuns))
                return (report, look);
        }
    }

    internal static string Rates(int[] counts, int trials)
    {
        string Rate(Verdict v) => (100.0 * counts[(int)v] / trials).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        return $"{Rate(Verdict.Regression)} | {Rate(Verdict.Inconclusive)} | {Rate(Verdict.Pass)} | {Rate(Verdict.Improvement)}";
    }

    internal static string Median(List<double> values)
    {
        if (values.Count == 0)
            return "-";
        values.Sort();
        return "≥ " + (values[values.Count / 2] * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
    }

    internal static double[] SimulateRun(Random random, double cv, double shift, bool betweenRuns)
    {
        var level = 200_000 * (1 + shift) * (betweenRuns ? Math.Exp(cv * Normal(random)) : 1);
        var values = new double[Intervals];
        var noise = Normal(random);
        for (var i = 0; i < Intervals; i++)
        {
            noise = (Rho * noise) + (Math.Sqrt(1 - (Rho * Rho)) * Normal(random));
            values[i] = level * Math.Exp(cv * noise);
        }
        return values;
    }

    internal static ResultSummary Summary(string runId, double[] intervals, bool withIntervals)
    {
        var runValue = Math.Exp(intervals.Average(Math.Log));
        var start = DateTimeOffset.UnixEpoch;
        var totals = new RequestTotals(1_000, FailureCounts.None);
        IReadOnlyList<IntervalMetrics> perInterval = withIntervals
            ? [.. intervals.Select((v, i) => new IntervalMetrics(start.AddSeconds(5 * i), totals, new Dictionary<Metric, double> { [Metric.P95] = v }))]
            : [];
        var overall = new MetricSummary(totals, 600, new Dictionary<Metric, double> { [Metric.P95] = runValue }, perInterval);
        return new ResultSummary(runId, null, ResultStatus.Complete, [], overall, []);
    }

    internal static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
