using LoadOps.Core.Pipeline;
using LoadOps.Core.Policy;
using LoadOps.Core.Validation;
using LoadOps.Core.Webhooks;
using LoadOps.Pipeline.Live;
using LoadOps.Pipeline.Publish;

namespace LoadOps.Pipeline;

/// <summary>
/// Stage 1: a run request becomes one run per definition. A valid definition's run goes on to planning once its
/// repository's concurrent caps admit it; an invalid one's run fails at once with its located errors as the reason. A
/// fork's pull request that no one with write access approved stops at <see cref="RunStatus.AwaitingApproval"/>
/// (<see cref="ForkGate"/>). A redelivered request finds its runs by their derived ids and only re-sends the plan
/// message of a run still validating (planning is idempotent). On a pull request only the definitions it changes run
/// (<see cref="RunRequest.ChangedPaths"/>, else the source's list of the PR's files), and the policy is read from the base
/// branch, never from the PR. Validation errors are posted as the <c>loadops/validate</c> check run.
/// </summary>
public sealed class ValidateStage(DefinitionLoader definitions, IRunRepository runs, ForkGate forks, RepositoryAdmission admission, IRunPublisher? publisher = null)
{
    private const int ErrorsInReason = 5;

    /// <summary>How the reason of a run failed for an invalid definition starts (the run API reports such runs as invalid).</summary>
    public const string InvalidDefinitionReason = "The definition is invalid";

    /// <summary>How the reason of a run asked for by a test name that no definition has starts.</summary>
    public const string UnknownTestReason = "No definition named";

    public async Task<StageOutcome> HandleAsync(RunRequest original, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(original);
        var gate = await forks.CheckAsync(original, cancellationToken);
        if (gate.Stop is not null)
            return StageOutcome.Done($"Request {original.RequestId}: {gate.Stop}.");
        var request = gate.Request;

        var policyRef = PolicyRefOf(request);
        var all = await definitions.LoadAllAsync(request.Repository, request.Commit, cancellationToken, policyRef, request.InstallationId);
        var changed = await ChangedDefinitionsAsync(request, cancellationToken);
        var chosen = all.Where(d => request.TestName is null ? changed is null || changed.Contains(d.Path) : d.Name == request.TestName).ToList();
        if (chosen.Count == 0)
        {
            if (request.TestName is { Length: > 0 } asked)
                await FailUnknownTestAsync(request, asked, all, cancellationToken);
            return StageOutcome.Done(changed is not null && request.TestName is null
                ? $"Request {request.RequestId}: pull request #{request.PullRequest} changes no definition under loadtests/."
                : $"Request {request.RequestId}: no definition{(request.TestName is null ? "" : $" named '{request.TestName}'")} under loadtests/.");
        }
        var policy = (await definitions.LoadPolicyAsync(request.Repository, policyRef ?? request.Commit, request.InstallationId, cancellationToken)).Policy;

        var next = new List<object>();
        var notes = new List<string>();
        if (gate.Superseded is { } old)
            notes.AddRange(await SupersedeAsync(old, request, chosen, cancellationToken));
        foreach (var definition in chosen)
        {
            var runId = RunIds.For(request.RequestId, definition.Name);
            await runs.CreateAsync(NewRun(runId, request, definition) with { PolicyRef = policyRef, InstallationId = request.InstallationId }, cancellationToken);
            if (definition.Definition is null)
            {
                await runs.TransitionAsync(runId, RunStatus.Failed, InvalidReason(definition), cancellationToken);
                notes.Add($"{runId}: invalid");
                continue;
            }
            var target = gate.Hold ? RunStatus.AwaitingApproval : RunStatus.Validating;
            var moved = await runs.TransitionAsync(runId, target, gate.Hold ? WaitingReason(request) : ApprovedReason(request), cancellationToken);
            if (moved.Outcome is not (TransitionOutcome.Moved or TransitionOutcome.AlreadyThere))
            {
                notes.Add($"{runId}: already {moved.Run?.Status.ToString() ?? "gone"}");
                continue;
            }
            if (gate.Hold)
            {
                notes.Add($"{runId}: awaiting approval");
                continue;
            }
            var refusal = await admission.TryAdmitAsync(request.Repository, runId, RunDemand.Of(definition.Definition), policy, cancellationToken);
            if (refusal is not null)
            {
                await runs.TransitionAsync(runId, RunStatus.Failed, refusal, cancellationToken);
                notes.Add($"{runId}: {refusal}");
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

    /// <summary>The reason a fork's run waits: who must do what.</summary>
    public static string WaitingReason(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"Waiting for approval: pull request #{request.PullRequest} comes from a fork, so its load tests do not run by themselves. " +
            $"A maintainer with write access to {request.Repository} starts them at commit {request.Commit} by adding the label " +
            $"`{PullRequestCommandRules.ApprovalLabel}` or commenting `/loadtest approve` on the pull request, after reviewing its " +
            $"changes to loadtests/ and {LoadPolicy.RepositoryPath} (a new commit needs a new approval).";
    }

    private static string ApprovedReason(RunRequest request) =>
        request.ApprovedBy is null ? "validating" : $"validating (started by {request.ApprovedBy})";

    private async Task<List<string>> SupersedeAsync(RunRequest old, RunRequest current, IReadOnlyList<DefinitionLoader.Checked> chosen, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var reason = $"Superseded: pull request #{current.PullRequest} moved on to commit {current.Commit}; that commit waits for approval instead.";
        foreach (var definition in chosen)
        {
            var oldRunId = RunIds.For(old.RequestId, definition.Name);
            if ((await runs.GetAsync(oldRunId, cancellationToken))?.Status != RunStatus.AwaitingApproval)
                continue;
            await runs.TransitionAsync(oldRunId, RunStatus.Failed, reason, cancellationToken);
            notes.Add($"{oldRunId}: superseded");
        }
        return notes;
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

    /// <summary>
    /// A request for one test that no definition has still gets its run (failed, saying which tests exist), so that a
    /// caller polling the derived run id learns the answer instead of waiting for a run that never comes.
    /// </summary>
    private async Task FailUnknownTestAsync(RunRequest request, string testName, IReadOnlyList<DefinitionLoader.Checked> all, CancellationToken cancellationToken)
    {
        var runId = RunIds.For(request.RequestId, testName);
        await runs.CreateAsync(RunOf(request, testName, definitionHash: ""), cancellationToken);
        var known = all.Count == 0 ? "there are none" : "found: " + string.Join(", ", all.Select(d => d.Name).Order(StringComparer.Ordinal));
        await runs.TransitionAsync(runId, RunStatus.Failed, $"{UnknownTestReason} '{testName}' under loadtests/ ({known}).", cancellationToken);
    }

    private static RunRecord NewRun(string runId, RunRequest request, DefinitionLoader.Checked definition) =>
        RunOf(request, definition.Name, definition.Hash) with { RunId = runId };

    /// <summary>The run a request makes for one test, with its derived id (also what a poisoned request's caller polls).</summary>
    internal static RunRecord RunOf(RunRequest request, string testName, string definitionHash) => new()
    {
        RunId = RunIds.For(request.RequestId, testName),
        TestName = testName,
        DefinitionHash = definitionHash,
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
