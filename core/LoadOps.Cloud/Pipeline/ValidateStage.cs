using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Validation;

namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// Stage 1: a run request becomes one run per definition. A valid definition's run goes on to planning; an invalid
/// one's run fails at once with its located errors as the reason. A redelivered request finds its runs by their
/// derived ids and only re-sends the plan message of a run still validating (planning is idempotent).
/// </summary>
public sealed class ValidateStage(DefinitionLoader definitions, RunStore runs)
{
    private const int ErrorsInReason = 5;

    /// <summary>How the reason of a run failed for an invalid definition starts (the run API reports such runs as invalid).</summary>
    public const string InvalidDefinitionReason = "The definition is invalid";

    /// <summary>How the reason of a run asked for by a test name that no definition has starts.</summary>
    public const string UnknownTestReason = "No definition named";

    public async Task<StageOutcome> HandleAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.FromFork)
            return StageOutcome.Done($"Request {request.RequestId} is from a fork: it waits for a maintainer's approval (approval is not built yet).");

        var all = await definitions.LoadAllAsync(request.Repository, request.Commit, cancellationToken);
        var chosen = all.Where(d => request.TestName is null || d.Name == request.TestName).ToList();
        if (chosen.Count == 0)
        {
            if (request.TestName is { Length: > 0 } asked)
                await FailUnknownTestAsync(request, asked, all, cancellationToken);
            return StageOutcome.Done($"Request {request.RequestId}: no definition{(request.TestName is null ? "" : $" named '{request.TestName}'")} under loadtests/.");
        }

        var next = new List<object>();
        var notes = new List<string>();
        foreach (var definition in chosen)
        {
            var runId = RunIds.For(request.RequestId, definition.Name);
            await runs.CreateAsync(NewRun(runId, request, definition), cancellationToken);
            var moved = await runs.TransitionAsync(runId, RunStatus.Validating, "validating", cancellationToken);
            if (moved.Outcome is not (TransitionOutcome.Moved or TransitionOutcome.AlreadyThere))
            {
                notes.Add($"{runId}: already {moved.Run?.Status.ToString() ?? "gone"}");
                continue;
            }
            if (definition.Definition is null)
            {
                await runs.TransitionAsync(runId, RunStatus.Failed, InvalidReason(definition), cancellationToken);
                notes.Add($"{runId}: invalid");
                continue;
            }
            next.Add(new PlanRun(runId, definition.Path, definition.Hash));
            notes.Add($"{runId}: valid");
        }
        return new StageOutcome(next, $"Request {request.RequestId}: " + string.Join("; ", notes));
    }

    /// <summary>
    /// A request for one test that no definition has still gets its run (failed, saying which tests exist), so that a
    /// caller polling the derived run id learns the answer instead of waiting for a run that never comes.
    /// </summary>
    private async Task FailUnknownTestAsync(RunRequest request, string testName, IReadOnlyList<DefinitionLoader.Checked> all, CancellationToken cancellationToken)
    {
        var runId = RunIds.For(request.RequestId, testName);
        var run = new RunRecord
        {
            RunId = runId,
            TestName = testName,
            DefinitionHash = "",
            Repo = request.Repository,
            Commit = request.Commit,
            Branch = request.Branch,
            PullRequest = request.PullRequest,
            Trigger = request.Trigger,
            RequestId = request.RequestId,
        };
        await runs.CreateAsync(run, cancellationToken);
        var known = all.Count == 0 ? "there are none" : "found: " + string.Join(", ", all.Select(d => d.Name).Order(StringComparer.Ordinal));
        await runs.TransitionAsync(runId, RunStatus.Failed, $"{UnknownTestReason} '{testName}' under loadtests/ ({known}).", cancellationToken);
    }

    private static RunRecord NewRun(string runId, RunRequest request, DefinitionLoader.Checked definition) => new()
    {
        RunId = runId,
        TestName = definition.Name,
        DefinitionHash = definition.Hash,
        Repo = request.Repository,
        Commit = request.Commit,
        Branch = request.Branch,
        PullRequest = request.PullRequest,
        Trigger = request.Trigger,
        RequestId = request.RequestId,
    };

    private static string InvalidReason(DefinitionLoader.Checked definition)
    {
        var errors = definition.Errors.Where(e => e.Severity == Severity.Error).ToList();
        var shown = string.Join(" | ", errors.Take(ErrorsInReason));
        var more = errors.Count > ErrorsInReason ? $" (and {errors.Count - ErrorsInReason} more)" : "";
        return $"{InvalidDefinitionReason}: {shown}{more}";
    }
}
