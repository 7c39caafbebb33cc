using LoadOps.Cloud.Api;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;

namespace LoadOps.Cli.Tests.Gate;

/// <summary>Run views as the API answers them, for gate tests.</summary>
internal static class GateRuns
{
    public static RunView View(string runId, RunOutcome outcome, RunStatus? status = null, string? reason = null, RunTrigger trigger = RunTrigger.Api) => new()
    {
        RunId = runId,
        Test = runId.Split('-')[0],
        Repository = "octo/shop",
        Commit = "abcdef1",
        Trigger = trigger,
        Status = status ?? (outcome == RunOutcome.Pending ? RunStatus.Running : RunStatus.Reported),
        StatusReason = reason,
        Finished = outcome != RunOutcome.Pending,
        Outcome = outcome,
        Verdict = outcome switch
        {
            RunOutcome.Pass => RunVerdict.Pass,
            RunOutcome.Fail => RunVerdict.Regression,
            RunOutcome.Inconclusive => RunVerdict.Inconclusive,
            _ => null,
        },
        Headline = outcome is RunOutcome.Pass or RunOutcome.Fail or RunOutcome.Inconclusive ? $"headline of {runId}" : null,
        P95DeltaPercent = outcome == RunOutcome.Fail ? 26.4 : null,
        ReportUrl = $"http://api.test/api/runs/{runId}/report.html",
    };
}
