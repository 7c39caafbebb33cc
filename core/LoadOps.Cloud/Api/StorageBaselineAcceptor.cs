using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Webhooks;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Api;

/// <summary>
/// Accepts the level of a pull request's head commit as the new baseline: for each test (or the one named), the newest
/// reported run of that commit is entered on the test's baseline branch (the definition's <c>baseline.branch</c>) as an
/// accepted entry dated now, so the evaluate stage's baseline starts there and runs before it no longer count
/// (<c>BaselineSelector</c>). A run already on that branch is marked in place. Accepting again changes nothing more.
/// Untrustworthy or partial runs never become a baseline; the outcome says so.
/// </summary>
public sealed class StorageBaselineAcceptor(StorageClients clients, TimeProvider clock) : IBaselineAcceptor
{
    private readonly RunStore _runs = new(clients, clock);
    private readonly BaselineStore _baselines = new(clients);
    private readonly PipelineBlobs _blobs = new(clients);

    public async Task<BaselineAcceptanceOutcome> AcceptAsync(BaselineAcceptance request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var commit = request.Commit[..Math.Min(12, request.Commit.Length)];
        var runs = (await _runs.ListByCommitAsync(request.Repository, request.Commit, cancellationToken))
            .Where(r => request.TestName is null || r.TestName == request.TestName)
            .ToList();
        var reported = runs.Where(r => r.Status == RunStatus.Reported).GroupBy(r => r.TestName)
            .Select(g => g.MaxBy(r => r.CreatedAt)!).OrderBy(r => r.TestName, StringComparer.Ordinal).ToList();
        if (reported.Count == 0)
        {
            var what = request.TestName is null ? "no run" : $"no run of '{request.TestName}'";
            return new([], [$"nothing accepted: {what} of commit {commit} has been reported yet" +
                (runs.Count > 0 ? $" ({runs.Count} still {string.Join(", ", runs.Select(r => r.Status.ToString().ToLowerInvariant()).Distinct())})" : "") +
                "; comment again once its report is posted"]);
        }

        var accepted = new List<string>();
        var lines = new List<string>();
        foreach (var run in reported)
        {
            var line = await AcceptRunAsync(run, request, commit, cancellationToken);
            if (line.Accepted)
                accepted.Add(run.RunId);
            lines.Add(line.Text);
        }
        return new(accepted, lines);
    }

    private async Task<(bool Accepted, string Text)> AcceptRunAsync(RunRecord run, BaselineAcceptance request, string commit, CancellationToken cancellationToken)
    {
        var plan = await _blobs.ReadPlanAsync(run.RunId, cancellationToken);
        if (plan is null || plan.Shards.Count == 0 || plan.Shards[0].Definition.Baseline is not { } spec)
            return (false, $"{run.TestName}: not accepted, the test has no baseline section");
        var entry = run.Branch is null ? null : await _baselines.FindAsync(run.TestName, run.Branch, run.RunId, cancellationToken);
        if (entry is null)
            return (false, $"{run.TestName}: not accepted, run {run.RunId} was partial or untrustworthy and cannot become a baseline; `/loadtest run {run.TestName}` measures it again");
        if (!await _baselines.AcceptAsync(run.TestName, spec.Branch, run.RunId, cancellationToken))
            await _baselines.AddAsync(entry with { Branch = spec.Branch, Accepted = true, RunAt = clock.GetUtcNow() }, cancellationToken);
        return (true, $"{run.TestName}: run {run.RunId} (commit {commit}) accepted by {request.AcceptedBy} as the new baseline level of {spec.Branch}");
    }
}
