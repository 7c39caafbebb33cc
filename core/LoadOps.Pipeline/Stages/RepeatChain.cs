using System.Globalization;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Results;

namespace LoadOps.Pipeline;

/// <summary>
/// <c>baseline.repeat: N</c> in the pipeline: while the comparison is not settled, the evaluate stage asks for the same
/// test at the same commit again, as a run request whose id is the first request's id plus <c>:repeat-K</c>. The chain
/// needs no stored link: the run ids of its looks follow from the first request id (<see cref="RunIds.For"/>), so a
/// look finds the earlier ones, and a baseline reader finds the pooled verdict of a chain its run belongs to.
/// </summary>
public sealed class RepeatChain(IRunRepository runs, IResultArtifacts results, IStageDocuments blobs)
{
    private const string Marker = ":repeat-";

    /// <summary>The first request of the chain and this run's look (1 for a run that is no repeat).</summary>
    public static (string Root, int Look) Parse(string requestId)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        var at = requestId.LastIndexOf(Marker, StringComparison.Ordinal);
        return at > 0 && int.TryParse(requestId.AsSpan(at + Marker.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var look) && look > 1
            ? (requestId[..at], look)
            : (requestId, 1);
    }

    /// <summary>The run id of look <paramref name="look"/> of the chain that starts with request <paramref name="root"/>.</summary>
    public static string RunIdOf(string root, int look, string testName) =>
        RunIds.For(look == 1 ? root : root + Marker + look.ToString(CultureInfo.InvariantCulture), testName);

    /// <summary>The run ids of every look of the chain <paramref name="run"/> belongs to, up to <paramref name="looks"/>.</summary>
    public static IReadOnlyList<string> RunIdsOf(RunRecord run, int looks)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.RequestId is null)
            return [run.RunId];
        var (root, _) = Parse(run.RequestId);
        return [.. Enumerable.Range(1, Math.Max(1, looks)).Select(k => RunIdOf(root, k, run.TestName))];
    }

    /// <summary>The earlier looks' results (oldest first) and the repeats the previous look's evaluation listed.</summary>
    public async Task<RepeatContext?> ContextAsync(RunRecord run, string definitionHash, int looks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (looks <= 1 || run.RequestId is null)
            return null;
        var (root, look) = Parse(run.RequestId);
        var earlier = new List<ResultSummary>();
        IReadOnlyList<RepeatRun> history = [];
        for (var k = 1; k < look; k++)
        {
            var id = RunIdOf(root, k, run.TestName);
            var record = await runs.GetAsync(id, cancellationToken);
            var result = record?.ResultBlobName is { } blob ? await results.ReadResultAsync(blob, cancellationToken) : null;
            if (result is not null && result.DefinitionHash == definitionHash)
                earlier.Add(ResultSummarizer.Summarize(result));
            if (k == look - 1 && await blobs.ReadEvaluationAsync(id, cancellationToken) is { } previous)
                history = previous.Repeats;
        }
        return new RepeatContext(earlier, Math.Min(look, looks), looks) { History = history };
    }

    /// <summary>The next look's request, or null when the evaluation is settled or the repeats are used up.</summary>
    public static RunRequest? Next(RunRecord run, RunEvaluation evaluation, int looks)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(evaluation);
        if (evaluation.Settled || run.RequestId is null || run.Commit is null || run.Branch is null)
            return null;
        var (root, look) = Parse(run.RequestId);
        if (look >= looks)
            return null;
        return new RunRequest
        {
            RequestId = root + Marker + (look + 1).ToString(CultureInfo.InvariantCulture),
            Trigger = run.Trigger,
            Repository = run.Repo,
            Commit = run.Commit,
            Branch = run.Branch,
            PullRequest = run.PullRequest,
            BaseBranch = run.PolicyRef,
            InstallationId = run.InstallationId,
            TestName = run.TestName,
            // The same commit already ran (a fork's only after approval): its repeat needs no new approval.
            ApprovedBy = $"loadops (repeat {look + 1} of at most {looks})",
        };
    }

    /// <summary>
    /// The verdict a baseline reader should use for <paramref name="runId"/>: a look that asked for a repeat is judged by
    /// the newest look of its chain that has an evaluation (the pooled verdict), so the repeats of a regression stay out.
    /// </summary>
    public async Task<RunVerdict?> VerdictForBaselineAsync(string runId, RunEvaluation? evaluation, int looks, CancellationToken cancellationToken)
    {
        if (evaluation is null || evaluation.Settled || looks <= 1 || await runs.GetAsync(runId, cancellationToken) is not { } run)
            return evaluation?.Verdict;
        var chain = RunIdsOf(run, looks);
        for (var k = chain.Count - 1; k >= 0; k--)
        {
            if (await blobs.ReadEvaluationAsync(chain[k], cancellationToken) is { } newest)
                return newest.Settled || k == chain.Count - 1 ? newest.Verdict : evaluation.Verdict;
        }
        return evaluation.Verdict;
    }
}
