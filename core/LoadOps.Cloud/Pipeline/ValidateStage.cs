using LoadOps.Cloud.Publish;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Validation;

namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// Stage 1: a run request becomes one run per definition. A valid definition's run goes on to planning; an invalid
/// one's run fails at once with its located errors as the reason. A redelivered request finds its runs by their
/// derived ids and only re-sends the plan message of a run still validating (planning is idempotent).
/// On a pull request only the definitions it changes run (<see cref="RunRequest.ChangedPaths"/>, else the source's list
/// of the PR's files), and the policy is read from the base branch, never from the PR. Validation errors are posted as
/// the <c>loadops/validate</c> check run.
/// </summary>
public sealed class ValidateStage(DefinitionLoader definitions, RunStore runs, IRunPublisher? publisher = null)
{
    private const int ErrorsInReason = 5;

    public async Task<StageOutcome> HandleAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.FromFork)
            return StageOutcome.Done($"Request {request.RequestId} is from a fork: it waits for a maintainer's approval (approval is not built yet).");

        var policyRef = PolicyRefOf(request);
        var all = await definitions.LoadAllAsync(request.Repository, request.Commit, cancellationToken, policyRef, request.InstallationId);
        var changed = await ChangedDefinitionsAsync(request, cancellationToken);
        var chosen = all.Where(d => request.TestName is null ? changed is null || changed.Contains(d.Path) : d.Name == request.TestName).ToList();
        if (chosen.Count == 0)
            return StageOutcome.Done(changed is not null && request.TestName is null
                ? $"Request {request.RequestId}: pull request #{request.PullRequest} changes no definition under loadtests/."
                : $"Request {request.RequestId}: no definition{(request.TestName is null ? "" : $" named '{request.TestName}'")} under loadtests/.");

        var next = new List<object>();
        var notes = new List<string>();
        foreach (var definition in chosen)
        {
            var runId = RunIds.For(request.RequestId, definition.Name);
            await runs.CreateAsync(NewRun(runId, request, definition) with { PolicyRef = policyRef, InstallationId = request.InstallationId }, cancellationToken);
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
        var problems = chosen.SelectMany(d => d.Errors).Distinct().ToList();
        if (publisher is not null && problems.Any(p => p.Severity == Severity.Error))
            notes.Add("validate check: " + await publisher.ValidationFailedAsync(request, problems, cancellationToken));
        return new StageOutcome(next, $"Request {request.RequestId}: " + string.Join("; ", notes));
    }

    /// <summary>A pull request's policy comes from its base branch, so a PR cannot loosen the limits it runs under.</summary>
    private static string? PolicyRefOf(RunRequest request) =>
        request.PullRequest is null ? null : request.BaseBranch is { Length: > 0 } branch ? branch : "HEAD";

    /// <summary>The definition paths a pull request changes; null (run all) for pushes, schedules and sources that cannot tell.</summary>
    private async Task<HashSet<string>?> ChangedDefinitionsAsync(RunRequest request, CancellationToken cancellationToken)
    {
        if (request.PullRequest is not { } pullRequest || request.Trigger != RunTrigger.PullRequest)
            return null;
        var paths = request.ChangedPaths.Count > 0
            ? request.ChangedPaths
            : await definitions.ChangedInPullRequestAsync(request.Repository, pullRequest, request.InstallationId, cancellationToken);
        return paths is null ? null : new HashSet<string>(paths, StringComparer.Ordinal);
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
    };

    private static string InvalidReason(DefinitionLoader.Checked definition)
    {
        var errors = definition.Errors.Where(e => e.Severity == Severity.Error).ToList();
        var shown = string.Join(" | ", errors.Take(ErrorsInReason));
        var more = errors.Count > ErrorsInReason ? $" (and {errors.Count - ErrorsInReason} more)" : "";
        return $"The definition is invalid: {shown}{more}";
    }
}
