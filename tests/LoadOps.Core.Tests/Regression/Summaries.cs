using LoadOps.Core.Definitions;
using LoadOps.Core.Results;

namespace LoadOps.Core.Tests.Regression;

/// <summary>Builds run summaries with given metric values for regression tests.</summary>
internal static class Summaries
{
    public static ResultSummary Run(string runId, double p95, double rps = 100, double errors = 0.001,
        IReadOnlyList<string>? steps = null, ResultStatus status = ResultStatus.Complete, IReadOnlyList<TrustIssue>? issues = null,
        double? stepP95 = null)
    {
        var values = new Dictionary<Metric, double> { [Metric.P95] = p95, [Metric.Rps] = rps, [Metric.Errors] = errors };
        var metrics = new MetricSummary(new RequestTotals(1_000, FailureCounts.None), 60, values, []);
        var stepValues = new Dictionary<Metric, double>(values) { [Metric.P95] = stepP95 ?? p95 };
        var stepMetrics = metrics with { Values = stepValues };
        return new ResultSummary(runId, null, status, issues ?? [], metrics,
            [.. (steps ?? []).Select(s => new StepSummary("main", s, null, stepMetrics))]);
    }

    /// <summary>Baseline runs whose p95 and rps vary run to run with the given coefficient of variation.</summary>
    public static List<ResultSummary> Baseline(int runs, double cv, int seed, double p95 = 200_000, double rps = 100)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, runs).Select(i => Run($"base-{i}", p95 * Noise(random, cv), rps * Noise(random, cv)))];
    }

    public static double Noise(Random random, double cv)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Exp(cv * normal);
    }
}
