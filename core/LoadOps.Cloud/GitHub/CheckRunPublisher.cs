using LoadOps.Core.Evaluation;
using LoadOps.Core.Validation;
using Octokit;

namespace LoadOps.Cloud.GitHub;

/// <summary>
/// The check runs LoadOps posts on a commit: <c>loadops/validate</c> with line annotations, and one
/// <c>loadops/&lt;test&gt;</c> per test, started in progress and completed with the verdict and the Markdown report.
/// </summary>
public sealed class CheckRunPublisher(GitHubApi api)
{
    public const string ValidateName = "loadops/validate";

    /// <summary>GitHub's limit on output.summary and output.text, in UTF-8 bytes (a longer one is refused with 422).</summary>
    public const int MaxSummaryBytes = 65_535;

    public static string TestName(string test) => $"loadops/{test}";

    public async Task<long> PublishValidationAsync(RepositoryRef repo, string headSha, IReadOnlyList<DefinitionError> problems, CancellationToken cancellationToken, string? externalId = null)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var errors = problems.Count(p => p.Severity == Severity.Error);
        var title = errors == 0 && problems.Count == 0 ? "All definitions are valid" : $"{errors} error(s), {problems.Count - errors} warning(s)";
        var summary = problems.Count == 0 ? "No problems found." : $"LoadOps found {problems.Count} problem(s) in the load-test definitions; see the annotations.";
        var conclusion = errors > 0 ? CheckConclusion.Failure : CheckConclusion.Success;
        var batches = CheckAnnotations.Batches(problems);
        var single = batches.Count <= 1;

        var create = new NewCheckRun(ValidateName, headSha)
        {
            Status = single ? CheckStatus.Completed : CheckStatus.InProgress,
            Conclusion = single ? conclusion : null,
            ExternalId = externalId,
            Output = new NewCheckRunOutput(title, summary) { Annotations = batches.Count > 0 ? batches[0] : null },
        };
        var run = await api.CallAsync("create check run " + ValidateName,
            c => c.Post<CheckRun>(repo.Uri("check-runs"), create, cancellationToken), cancellationToken);

        for (var i = 1; i < batches.Count; i++)
        {
            var last = i == batches.Count - 1;
            var update = new CheckRunUpdate
            {
                Status = last ? CheckStatus.Completed : null,
                Conclusion = last ? conclusion : null,
                Output = new NewCheckRunOutput(title, summary) { Annotations = batches[i] },
            };
            var sent = i * CheckAnnotations.MaxPerRequest;
            await api.CallAsync($"add annotations to check run {run.Id} ({sent} of {problems.Count} sent before this batch)",
                c => c.Patch<CheckRun>(repo.Uri($"check-runs/{run.Id}"), update), cancellationToken);
        }
        return run.Id;
    }

    public async Task<long> StartTestAsync(RepositoryRef repo, string headSha, string test, Uri? detailsUrl, CancellationToken cancellationToken)
    {
        var create = new NewCheckRun(TestName(test), headSha) { Status = CheckStatus.InProgress, DetailsUrl = detailsUrl?.ToString() };
        var run = await api.CallAsync("create check run " + TestName(test),
            c => c.Post<CheckRun>(repo.Uri("check-runs"), create, cancellationToken), cancellationToken);
        return run.Id;
    }

    /// <summary>
    /// The id of the check run named <paramref name="name"/> on the commit whose external id is
    /// <paramref name="externalId"/>, or null: how a redelivered message finds what it posted the first time.
    /// </summary>
    public async Task<long?> FindAsync(RepositoryRef repo, string headSha, string name, string externalId, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string> { ["check_name"] = name, ["filter"] = "all", ["per_page"] = "100" };
        var found = await api.CallAsync($"find check run {name}",
            c => c.Get<CheckRunsResponse>(repo.Uri($"commits/{Uri.EscapeDataString(headSha)}/check-runs"), parameters), cancellationToken);
        return found.CheckRuns?.FirstOrDefault(r => r.Name == name && r.ExternalId == externalId)?.Id;
    }

    /// <summary>The test's check run for <paramref name="externalId"/> (the run id): the existing one, or a new one in progress.</summary>
    public async Task<(long Id, bool Created)> EnsureStartedAsync(RepositoryRef repo, string headSha, string test, string externalId, CancellationToken cancellationToken)
    {
        if (await FindAsync(repo, headSha, TestName(test), externalId, cancellationToken) is { } existing)
            return (existing, false);
        var create = new NewCheckRun(TestName(test), headSha) { Status = CheckStatus.InProgress, ExternalId = externalId };
        var run = await api.CallAsync("create check run " + TestName(test),
            c => c.Post<CheckRun>(repo.Uri("check-runs"), create, cancellationToken), cancellationToken);
        return (run.Id, true);
    }

    public Task CompleteTestAsync(RepositoryRef repo, long checkRunId, RunVerdict verdict, string title, string markdownReport, CancellationToken cancellationToken) =>
        CompleteTestAsync(repo, checkRunId, ConclusionFor(verdict), title, markdownReport, cancellationToken);

    public async Task CompleteTestAsync(RepositoryRef repo, long checkRunId, CheckConclusion conclusion, string title, string markdownReport, CancellationToken cancellationToken)
    {
        var update = new CheckRunUpdate
        {
            Status = CheckStatus.Completed,
            Conclusion = conclusion,
            Output = new NewCheckRunOutput(title, Truncate(markdownReport)),
        };
        await api.CallAsync($"complete check run {checkRunId}",
            c => c.Patch<CheckRun>(repo.Uri($"check-runs/{checkRunId}"), update), cancellationToken);
    }

    /// <summary>Keeps the check run in progress with a new title and summary (the live figures), cut to GitHub's limit in bytes.</summary>
    public async Task UpdateProgressAsync(RepositoryRef repo, long checkRunId, string title, string summary, CancellationToken cancellationToken)
    {
        var update = new CheckRunUpdate
        {
            Status = CheckStatus.InProgress,
            Output = new NewCheckRunOutput(title, Truncate(summary)),
        };
        await api.CallAsync($"update check run {checkRunId} in progress",
            c => c.Patch<CheckRun>(repo.Uri($"check-runs/{checkRunId}"), update), cancellationToken);
    }

    public static CheckConclusion ConclusionFor(RunVerdict verdict) => verdict switch
    {
        RunVerdict.Pass or RunVerdict.Improvement => CheckConclusion.Success,
        RunVerdict.Fail or RunVerdict.Regression => CheckConclusion.Failure,
        _ => CheckConclusion.Neutral,
    };

    /// <summary>Keeps the summary within GitHub's cap in UTF-8 bytes, ending with a note that says it was cut.</summary>
    public static string Truncate(string markdown) => Utf8Limit.Cut(markdown, MaxSummaryBytes,
        "\n\n---\n*Report truncated: GitHub allows 65,535 bytes here. The full report is in the PR comment and the run's report file.*");

    public static bool IsTruncated(string markdown) => Utf8Limit.ByteCount(markdown) > MaxSummaryBytes;
}
