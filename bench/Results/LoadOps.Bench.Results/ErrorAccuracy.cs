using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Regression;
using LoadOps.Core.Results;

namespace LoadOps.Bench.Results;

/// <summary>
/// Verdicts on the error rate, compared as counts (<see cref="CountTest"/>): each run has R requests, each failing
/// independently with the run's rate (binomial); "bursty" runs also draw their own rate, log-normal around the true
/// rate with a CV of 50% (errors that come in bursts); "one burst run": binomial, but the last baseline run hit a burst
/// (20% errors), which <see cref="CountOutliers"/> is to leave out. 10 baseline runs, error tolerance 1 point, α 0.01.
/// </summary>
internal static class ErrorAccuracy
{
    private static readonly RegressionOptions Options = new() { Metrics = [Metric.Errors] };

    public static void Run(int trials)
    {
        Console.WriteLine();
        Console.WriteLine($"errors as counts: 10 baseline runs, error tolerance {Options.ErrorTolerance * 100:0.#} point(s), alpha {Options.Alpha} one-sided");
        Console.WriteLine("| requests per run | baseline rate | candidate rate | runs | regression | inconclusive | pass | improvement |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        const string Binomial = "binomial", Bursty = "bursty", BurstRun = "one burst run";
        foreach (var (requests, from, to, kind) in new[]
        {
            (10_000, 0.0, 0.0, Binomial), (1_000, 0.0, 0.0, Binomial), (10_000, 0.0, 0.02, Binomial), (1_000, 0.0, 0.02, Binomial),
            (2_000, 0.0, 0.05, Binomial), (10_000, 0.005, 0.005, Binomial), (10_000, 0.005, 0.005, Bursty), (10_000, 0.005, 0.025, Bursty),
            (10_000, 0.005, 0.005, BurstRun), (10_000, 0.005, 0.025, BurstRun),
        })
        {
            var bursty = kind == Bursty;
            var random = new Random(300_000 + requests + (int)(from * 10_000) + (int)(to * 1_000) + (bursty ? 7 : 0) + (kind == BurstRun ? 11 : 0));
            var counts = new int[4];
            for (var t = 0; t < trials; t++)
            {
                var baseline = Enumerable.Range(0, 10).Select(i => Run(random, $"b{i}", requests, kind == BurstRun && i == 9 ? 0.20 : from, bursty)).ToList();
                counts[(int)RegressionAnalyzer.Analyze(Run(random, "c", requests, to, bursty), baseline, Options).Verdict]++;
            }
            Console.WriteLine($"| {requests:N0} | {Percent(from)} | {Percent(to)} | {kind} | {RegressionAccuracy.Rates(counts, trials)} |");
        }
    }

    private static ResultSummary Run(Random random, string runId, int requests, double rate, bool bursty)
    {
        var own = bursty && rate > 0 ? Math.Min(1, rate * Math.Exp((0.5 * RegressionAccuracy.Normal(random)) - 0.125)) : rate;
        long failed = 0;
        for (var i = 0; i < requests; i++)
        {
            if (random.NextDouble() < own)
                failed++;
        }
        var totals = new RequestTotals(requests - failed, new FailureCounts(Status: failed));
        var values = new Dictionary<Metric, double> { [Metric.Errors] = failed / (double)requests };
        return new ResultSummary(runId, null, ResultStatus.Complete, [], new MetricSummary(totals, 120, values, []), []);
    }

    private static string Percent(double rate) => (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
