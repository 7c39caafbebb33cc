using LoadOps.Core.Definitions;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Regression;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Tests.Api;

/// <summary>Run rows and evaluations for API tests.</summary>
internal static class ApiRuns
{
    public static RunRecord Run(string runId, RunStatus status, string repository = "octo/shop", string commit = "abcdef1", string? reason = null) => new()
    {
        RunId = runId,
        RequestId = "req-" + runId,
        TestName = "checkout",
        DefinitionHash = "h",
        Repo = repository,
        Commit = commit,
        Branch = "main",
        Trigger = RunTrigger.Push,
        Status = status,
        StatusReason = reason,
        ShardCount = 2,
        ShardsDone = 2,
        ReportBlobNames = status == RunStatus.Reported ? [$"runs/{runId}/report.md", $"runs/{runId}/report.html"] : [],
    };

    /// <summary>An evaluation whose whole-run p95 moved by <paramref name="p95Change"/> (relative) against 5 baseline runs.</summary>
    public static RunEvaluation Evaluation(RunVerdict verdict, double p95Change = 0.256) => new()
    {
        Verdict = verdict,
        Headline = $"headline for {verdict}",
        Regression = new RegressionReport(Verdict.Regression, 5,
        [
            new MetricComparison("buy", "cart", Metric.P95, new MetricTest(5, 100, 300, 2.0, 0.001, 0.05, 9), 0.001, Verdict.Regression, "step"),
            new MetricComparison(null, null, Metric.P95, new MetricTest(5, 200, 200 * (1 + p95Change), p95Change, 0.001, 0.05, 6), 0.002, Verdict.Regression, "run"),
        ], []),
    };
}
