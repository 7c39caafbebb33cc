using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;
using LoadOps.Core.Results;

namespace LoadOps.Bench.Results;

/// <summary>
/// The between model of <see cref="RegressionAccuracy"/> with one baseline run that stalled: its true level is
/// <c>factor</c> times the others' (a run during which the target or the runner hung for a while). One stalled run among
/// ten must neither raise false alarms nor hide a regression, nor widen the stated detectable change.
/// </summary>
internal static class OutlierAccuracy
{
    private const int BaselineRuns = 10;
    private static readonly RegressionOptions Options = new() { Metrics = [Metric.P95] };

    public static void Run(int trials)
    {
        Console.WriteLine();
        Console.WriteLine("noise model: between, one of the 10 baseline runs stalled (its level × factor)");
        Console.WriteLine("| CV | factor | shift | N | regression | inconclusive | pass | improvement | median 'could detect' of the passes | mean runs |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (cv, factor, shift, n) in new[]
        {
            (0.02, 1.0, 0.0, 1), (0.02, 3.0, 0.0, 1), (0.02, 3.0, 0.10, 1), (0.02, 3.0, 0.20, 1),
            (0.05, 1.0, 0.0, 1), (0.05, 3.0, 0.0, 1), (0.05, 1.3, 0.0, 1), (0.05, 3.0, 0.20, 1), (0.05, 0.5, 0.0, 1),
            (0.05, 1.0, 0.10, 20), (0.05, 3.0, 0.10, 20), (0.05, 3.0, 0.0, 20),
        })
        {
            var random = new Random(400_000 + (int)(cv * 1_000 * 100) + (int)(factor * 10) + (int)(shift * 100) + (n * 7));
            var counts = new int[4];
            var detectable = new List<double>();
            var runs = 0;
            for (var t = 0; t < trials; t++)
            {
                var (report, used) = Trial(random, cv, factor, shift, n);
                counts[(int)report.Verdict]++;
                runs += used;
                if (report.Verdict == Verdict.Pass)
                    detectable.Add(report.Comparisons[0].DetectableChange);
            }
            var mean = ((double)runs / trials).ToString("0.0", CultureInfo.InvariantCulture);
            Console.WriteLine($"| {cv:P0} | ×{factor.ToString("0.#", CultureInfo.InvariantCulture)} | {shift:P0} | {n} | {RegressionAccuracy.Rates(counts, trials)} | {RegressionAccuracy.Median(detectable)} | {mean} |");
        }
    }

    private static (RegressionReport Report, int Runs) Trial(Random random, double cv, double factor, double shift, int maxRuns)
    {
        var baseline = new List<ResultSummary>();
        for (var i = 0; i < BaselineRuns; i++)
        {
            var values = RegressionAccuracy.SimulateRun(random, cv, 0, betweenRuns: true);
            // The stalled run sits among the others (index 4), so no code may rely on it being first or last.
            if (i == 4)
                values = [.. values.Select(v => v * factor)];
            baseline.Add(RegressionAccuracy.Summary($"b{i}", values, withIntervals: false));
        }
        var candidates = new List<ResultSummary>();
        for (var look = 1; ; look++)
        {
            candidates.Add(RegressionAccuracy.Summary($"c{look}", RegressionAccuracy.SimulateRun(random, cv, shift, betweenRuns: true), withIntervals: true));
            var report = RegressionAnalyzer.Analyze(candidates, baseline, Options with { LookAlpha = RepeatPlan.LookAlpha(Options.Alpha, look, maxRuns) });
            if (!RepeatPlan.ShouldRepeat(report, look, maxRuns))
                return (report, look);
        }
    }
}
