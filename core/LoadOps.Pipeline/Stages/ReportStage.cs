using System.Text;
using LoadOps.Core.Definitions;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Reports;
using LoadOps.Core.Results;
using LoadOps.Pipeline.Live;
using LoadOps.Pipeline.Publish;

namespace LoadOps.Pipeline;

/// <summary>
/// Stage 6: renders the reports into the reports container, records a trustworthy complete run as a baseline
/// candidate of its branch, publishes the verdict (check run, PR comment, commit status, Slack) and ends the run as
/// reported. A publishing failure never fails the run: it is added to the run's status reason.
/// </summary>
public sealed class ReportStage(IRunRepository runs, IResultArtifacts results, IStageDocuments blobs, IBaselineRepository baselines, IRunPublisher? publisher = null)
{
    public async Task<StageOutcome> HandleAsync(ReportRun message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var run = await runs.GetAsync(message.RunId, cancellationToken);
        if (run is null || run.Status != RunStatus.Evaluating)
            return StageOutcome.Done($"Run {message.RunId} is {run?.Status.ToString() ?? "unknown"}: nothing to report.");

        var merged = run.ResultBlobName is null ? null : await results.ReadResultAsync(run.ResultBlobName, cancellationToken);
        var evaluation = await blobs.ReadEvaluationAsync(run.RunId, cancellationToken);
        if (merged is null || evaluation is null)
        {
            var note = await new FailedRuns(runs, publisher).FailAsync(run.RunId, "The merged result or the evaluation of the run is missing.", cancellationToken);
            return StageOutcome.Done($"Run {run.RunId}: merged result or evaluation missing ({note}).");
        }

        var summary = ResultSummarizer.Summarize(merged);
        var model = ReportModelBuilder.Build(merged, summary, evaluation, run.PullRequest) with { CostEstimate = run.CostEstimate };
        var renderer = new ReportRenderer();
        var names = new List<string>();
        var failures = new List<string>();
        var texts = new Dictionary<ReportFormat, string>();
        foreach (var (format, fileName, contentType) in ReportFiles.All)
        {
            var rendered = renderer.Render(model, format);
            if (rendered.Text is null)
            {
                failures.Add($"{fileName}: {string.Join(" | ", rendered.Errors)}");
                continue;
            }
            texts[format] = rendered.Text;
            using var content = new MemoryStream(Encoding.UTF8.GetBytes(rendered.Text));
            names.Add(await results.PutReportAsync(run.RunId, fileName, content, contentType, cancellationToken));
        }

        if (summary.IsTrustworthy && run.ResultBlobName is { } resultBlob && run.Branch is { } branch)
            await baselines.AddAsync(BaselineOf(run, branch, resultBlob, merged, summary), cancellationToken);

        var published = await PublishAsync(run, evaluation, texts, cancellationToken);
        var reason = $"{evaluation.Verdict}: {evaluation.Headline}" + (failures.Count == 0 ? "" : $" (reports not rendered: {string.Join(" | ", failures)})") +
            (published.HasProblems ? $" ({published})" : "");
        var reported = await runs.TransitionAsync(run.RunId, RunStatus.Reported, reason, cancellationToken, r => r with { ReportBlobNames = names });
        return StageOutcome.Done($"Run {run.RunId}: {reported.Message} {evaluation.Verdict}; {published}.");
    }

    private async Task<PublishResult> PublishAsync(RunRecord run, RunEvaluation evaluation, Dictionary<ReportFormat, string> texts, CancellationToken cancellationToken)
    {
        if (publisher is null)
            return PublishResult.Nothing;
        var plan = await blobs.ReadPlanAsync(run.RunId, cancellationToken);
        if (plan is null || plan.Shards.Count == 0 || !texts.TryGetValue(ReportFormat.Markdown, out var markdown))
            return new PublishResult([], ["nothing published: the plan or the Markdown report of the run is missing"]);
        return await publisher.ReportedAsync(
            new RunReport(run, evaluation, plan.Shards[0].Definition, markdown, texts.GetValueOrDefault(ReportFormat.Slack)), cancellationToken);
    }

    private static BaselineEntry BaselineOf(RunRecord run, string branch, string resultBlob, ResultFile merged, ResultSummary summary) => new()
    {
        TestName = run.TestName,
        Branch = branch,
        RunId = run.RunId,
        Commit = run.Commit,
        RunAt = merged.Start,
        Trustworthy = true,
        ResultBlobName = resultBlob,
        Metrics = summary.Overall.Values.ToDictionary(
            v => v.Key.Name(),
            v => v.Key.Unit() == MetricUnit.Microseconds ? v.Value / 1000.0 : v.Value),
    };
}
