using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Validation;
using LoadOps.Pipeline;
using Octokit;
using LoadOps.Pipeline.Live;
using LoadOps.Pipeline.Publish;

namespace LoadOps.Cloud.Publish;

/// <summary>
/// Posts a run to GitHub through the installation of its request: the <c>loadops/&lt;test&gt;</c> check run (external id
/// = run id, so a redelivery finds and updates it instead of creating a second), the sticky PR comment (found by its
/// hidden marker), the commit status when <see cref="PublishOptions.CommitStatuses"/> is on, and the
/// <c>loadops/validate</c> check run (external id = request id) when validation fails. A pass with reservations
/// (untrustworthy numbers, lost shards) is never a clean success: it concludes neutral. Runs without a GitHub
/// repository (owner/name) or a commit (scheduled runs) get no check run, comment or status. With a personal access
/// token (no App) there are no check runs at all: GitHub lets only Apps write them, so those steps are skipped and
/// say so instead of failing with 403 on every run.
/// </summary>
public sealed class GitHubRunPublisher(GitHubConnections connections, PublishOptions options, SecretScrubber scrubber) : IRunPublisher
{
    private const int MaxTitleLength = 200;

    /// <summary>Why a token connection posts no check run (the hosts log it at start too).</summary>
    public const string CheckRunsNeedTheApp = "check runs need the GitHub App (GitHub lets only Apps write them); with LoadOps:GitHub:Token none is posted";

    private bool CanWriteCheckRuns => connections.Options.UsesApp;

    public async Task<PublishResult> ValidationFailedAsync(RunRequest request, IReadOnlyList<DefinitionError> problems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(problems);
        if (Target(request.Repository, request.Commit) is not { } repo)
            return PublishResult.Nothing;
        if (!CanWriteCheckRuns)
            return new PublishResult([$"{CheckRunPublisher.ValidateName}: none ({CheckRunsNeedTheApp})"], []);
        var steps = new PublishSteps(scrubber, cancellationToken);
        await steps.RunAsync(CheckRunPublisher.ValidateName, async () =>
        {
            var checks = new CheckRunPublisher(connections.For(request.InstallationId));
            if (await checks.FindAsync(repo, request.Commit, CheckRunPublisher.ValidateName, request.RequestId, cancellationToken) is not null)
                return CheckRunPublisher.ValidateName + " (already posted)";
            var scrubbed = problems.Select(p => p with { Message = scrubber.Scrub(p.Message) }).ToList();
            await checks.PublishValidationAsync(repo, request.Commit, scrubbed, cancellationToken, request.RequestId);
            return $"{CheckRunPublisher.ValidateName} ({scrubbed.Count} annotation(s))";
        });
        return steps.Result;
    }

    public async Task<PublishResult> DispatchedAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (Target(run.Repo, run.Commit) is not { } repo)
            return PublishResult.Nothing;
        var name = CheckRunPublisher.TestName(run.TestName);
        if (!CanWriteCheckRuns)
            return new PublishResult([$"{name}: none ({CheckRunsNeedTheApp})"], []);
        var steps = new PublishSteps(scrubber, cancellationToken);
        await steps.RunAsync(name, async () =>
        {
            var (_, created) = await new CheckRunPublisher(connections.For(run.InstallationId))
                .EnsureStartedAsync(repo, run.Commit!, run.TestName, run.RunId, cancellationToken);
            return created ? $"{name} in progress" : $"{name} (already in progress)";
        });
        return steps.Result;
    }

    public async Task<PublishResult> ReportedAsync(RunReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var run = report.Run;
        if (Target(run.Repo, run.Commit) is not { } repo)
            return PublishResult.Nothing;
        var sha = run.Commit!;
        var name = CheckRunPublisher.TestName(run.TestName);
        var markdown = scrubber.Scrub(report.Markdown);
        var title = Shorten(scrubber.Scrub($"{report.Evaluation.Verdict}: {report.Evaluation.Headline}"));
        var steps = new PublishSteps(scrubber, cancellationToken);

        await steps.RunAsync(name, async () =>
        {
            if (!CanWriteCheckRuns)
                return $"{name}: none ({CheckRunsNeedTheApp})";
            var checks = new CheckRunPublisher(connections.For(run.InstallationId));
            var (id, _) = await checks.EnsureStartedAsync(repo, sha, run.TestName, run.RunId, cancellationToken);
            var conclusion = ConclusionFor(report);
            await checks.CompleteTestAsync(repo, id, conclusion, title, markdown, cancellationToken);
            var truncated = CheckRunPublisher.IsTruncated(markdown) ? ", summary truncated to GitHub's 65,535 bytes" : "";
            return $"{name} {conclusion.ToString().ToLowerInvariant()}{truncated}";
        });
        if (run.PullRequest is { } pullRequest && options.PullRequestComments)
        {
            await steps.RunAsync($"comment on #{pullRequest}", async () =>
            {
                var (id, created) = await new StickyCommentPublisher(connections.For(run.InstallationId))
                    .UpsertAsync(repo, pullRequest, run.TestName, markdown, cancellationToken);
                return created ? $"comment {id} on #{pullRequest}" : $"comment {id} on #{pullRequest} updated";
            });
        }
        if (options.CommitStatuses)
        {
            await steps.RunAsync($"status {name}", async () =>
            {
                var state = StateFor(report);
                await new CommitStatusPublisher(connections.For(run.InstallationId))
                    .SetAsync(repo, sha, run.TestName, state, title, null, cancellationToken);
                return $"status {name} {state.ToString().ToLowerInvariant()}";
            });
        }
        return steps.Result;
    }

    /// <summary>
    /// The run's check run (found by its external id, started if dispatch could not) updated in progress with the live
    /// figures. GitHub's refusal comes back with its status code, so the caller can back off on 403 and 429.
    /// </summary>
    public async Task<ProgressResult> ProgressAsync(RunRecord run, LiveFigures live, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(live);
        if (Target(run.Repo, run.Commit) is not { } repo || !CanWriteCheckRuns)
            return ProgressResult.Nothing;
        try
        {
            var checks = new CheckRunPublisher(connections.For(run.InstallationId));
            var (id, _) = await checks.EnsureStartedAsync(repo, run.Commit!, run.TestName, run.RunId, cancellationToken);
            await checks.UpdateProgressAsync(repo, id, Shorten(scrubber.Scrub(LiveProgressMarkdown.Title(live))),
                scrubber.Scrub(LiveProgressMarkdown.Summary(run, live)), cancellationToken);
            return new ProgressResult(true);
        }
        catch (GitHubException e)
        {
            return new ProgressResult(false, e.StatusCode, scrubber.Scrub($"{CheckRunPublisher.TestName(run.TestName)} live update: {e.Message}"));
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new ProgressResult(false, null, $"{CheckRunPublisher.TestName(run.TestName)} live update: no answer ({e.GetType().Name})");
        }
    }

    public async Task<PublishResult> FailedAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (Target(run.Repo, run.Commit) is not { } repo)
            return PublishResult.Nothing;
        var name = CheckRunPublisher.TestName(run.TestName);
        if (!CanWriteCheckRuns)
            return new PublishResult([$"{name}: none ({CheckRunsNeedTheApp})"], []);
        var steps = new PublishSteps(scrubber, cancellationToken);
        await steps.RunAsync(name, async () =>
        {
            var checks = new CheckRunPublisher(connections.For(run.InstallationId));
            if (await checks.FindAsync(repo, run.Commit!, name, run.RunId, cancellationToken) is not { } id)
                return $"{name}: none to complete";
            var summary = scrubber.Scrub($"LoadOps could not finish run `{run.RunId}`: {run.StatusReason}");
            await checks.CompleteTestAsync(repo, id, CheckConclusion.Failure, "The run failed", summary, cancellationToken);
            return $"{name} failure (run failed)";
        });
        return steps.Result;
    }

    public static CheckConclusion ConclusionFor(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var conclusion = CheckRunPublisher.ConclusionFor(report.Evaluation.Verdict);
        return conclusion == CheckConclusion.Success && !report.IsCleanPass ? CheckConclusion.Neutral : conclusion;
    }

    public static CommitState StateFor(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var state = CommitStatusPublisher.StateFor(report.Evaluation.Verdict);
        return state == CommitState.Success && !report.IsCleanPass ? CommitState.Error : state;
    }

    private static RepositoryRef? Target(string repository, string? commit)
    {
        if (string.IsNullOrWhiteSpace(commit))
            return null;
        var parts = repository.Split('/');
        return parts.Length == 2 && parts.All(p => p.Length > 0) ? new RepositoryRef(parts[0], parts[1]) : null;
    }

    private static string Shorten(string text) => text.Length <= MaxTitleLength ? text : text[..(MaxTitleLength - 1)] + "…";

    public override string ToString() => $"GitHub publisher ({connections})";
}
