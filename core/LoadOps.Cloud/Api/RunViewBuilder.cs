using LoadOps.Cloud.Storage;
using LoadOps.Core.Definitions;
using LoadOps.Core.Evaluation;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Live;

namespace LoadOps.Cloud.Api;

/// <summary>Builds the API's view of a run from its row and its evaluation (null until the run was evaluated).</summary>
public static class RunViewBuilder
{
    public static RunView Build(RunRecord run, RunEvaluation? evaluation, string baseUrl, LiveFigures? live = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(baseUrl);
        var runUrl = RunUrl(baseUrl, run.RunId);
        var reports = run.ReportBlobNames
            .Select(blob => new RunReportLink(Path.GetFileName(blob), blob, $"{runUrl}/{Path.GetFileName(blob)}"))
            .ToList();
        return new RunView
        {
            RunId = run.RunId,
            RequestId = run.RequestId,
            Test = run.TestName,
            Repository = run.Repo,
            Commit = run.Commit,
            Branch = run.Branch,
            PullRequest = run.PullRequest,
            Trigger = run.Trigger,
            Status = run.Status,
            StatusReason = run.StatusReason,
            Finished = run.IsTerminal,
            Outcome = OutcomeOf(run, evaluation),
            Verdict = evaluation?.Verdict,
            Headline = evaluation?.Headline,
            P95DeltaPercent = evaluation is null ? null : P95DeltaPercent(evaluation),
            ShardCount = run.ShardCount,
            ShardsDone = run.ShardsDone,
            ShardsReported = Math.Max(run.ShardsReported, run.ShardsDone + run.ShardsMissing + run.ShardsFailed),
            ShardsMissing = run.ShardsMissing,
            ShardsFailed = run.ShardsFailed,
            CreatedAt = run.CreatedAt,
            UpdatedAt = run.UpdatedAt,
            Reports = reports,
            ReportUrl = reports.FirstOrDefault(r => r.Name == "report.html")?.Url,
            Live = live,
            StatusUrl = runUrl,
        };
    }

    public static string RunUrl(string baseUrl, string runId)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return $"{baseUrl.TrimEnd('/')}{RunApi.RunsPath}/{Uri.EscapeDataString(runId)}";
    }

    /// <summary>The whole run's p95 change against its baseline in percent, one decimal; null without a usable baseline.</summary>
    public static double? P95DeltaPercent(RunEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var p95 = evaluation.Regression?.Comparisons.FirstOrDefault(c => c.Step is null && c.Metric == Metric.P95);
        return p95 is { Test.BaselineRuns: > 0 } && double.IsFinite(p95.Test.RelativeChange)
            ? Math.Round(p95.Test.RelativeChange * 100, 1)
            : null;
    }

    public static RunOutcome OutcomeOf(RunRecord run, RunEvaluation? evaluation)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!run.IsTerminal)
            return RunOutcome.Pending;
        if (run.Status == RunStatus.Reported && evaluation is not null)
        {
            return evaluation.Verdict switch
            {
                RunVerdict.Pass or RunVerdict.Improvement => RunOutcome.Pass,
                RunVerdict.Fail or RunVerdict.Regression => RunOutcome.Fail,
                _ => RunOutcome.Inconclusive,
            };
        }
        var reason = run.StatusReason ?? "";
        return run.Status == RunStatus.Failed &&
            (reason.StartsWith(ValidateStage.InvalidDefinitionReason, StringComparison.Ordinal) ||
             reason.StartsWith(ValidateStage.UnknownTestReason, StringComparison.Ordinal))
            ? RunOutcome.Invalid
            : RunOutcome.Incomplete;
    }
}
