using LoadOps.Core.Pipeline;
using LoadOps.Core.Results;

namespace LoadOps.Pipeline;

/// <summary>
/// Stage 4: records finished shards and, once every shard is done, missing or failed, merges the shard results exactly
/// into the run's result and asks for evaluation. A shard counts once, when its own row turns final (see
/// <see cref="IShardRepository.MarkDoneAsync"/>), so a duplicate <see cref="ShardDone"/> counts nothing twice. One worker
/// merges: the one whose move to collecting succeeded; another takes over only once that worker's lease has run out.
/// A shard that reports before dispatch has finished is counted and kept; dispatch merges the run if it is complete then.
/// </summary>
public sealed class CollectStage(IRunRepository runs, IShardRepository shards, IResultArtifacts results, FailedRuns? failedRuns = null, TimeProvider? clock = null)
{
    /// <summary>How long a merge that was started is left to its worker before another worker takes it over.</summary>
    public static readonly TimeSpan MergeLease = TimeSpan.FromMinutes(2);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<StageOutcome> HandleAsync(ShardDone message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await ForgeryAsync(message, cancellationToken) is { } forged)
            return StageOutcome.Done(forged);
        var done = await shards.MarkDoneAsync(message.RunId, message.ShardId, message.ResultBlobName, cancellationToken);
        if (done.Run is null || done.Outcome is ShardDoneOutcome.NotFound)
            return StageOutcome.Done($"Shard {message.ShardId} of run {message.RunId} is unknown; its result is ignored.");
        if (done.Outcome is ShardDoneOutcome.TooLate)
            return StageOutcome.Done($"Shard {message.ShardId} reported after it was given up; its result is ignored.");

        var run = done.Run;
        if (run.Status == RunStatus.Dispatched)
            run = (await runs.TransitionAsync(run.RunId, RunStatus.Running, "shards are reporting", cancellationToken)).Run ?? run;
        var outcome = await MergeIfCompleteAsync(run, cancellationToken);
        return done.Outcome is ShardDoneOutcome.AlreadyDone ? outcome with { Note = "duplicate: " + outcome.Note } : outcome;
    }

    /// <summary>
    /// A report is trusted only for the blob that the shard's own upload grant can write, and only once that blob is
    /// there: a runner holding another shard's grants (any pool VM may add to the collect queue) cannot mark this shard
    /// done, nor hand it someone else's numbers. Null: the report may be recorded.
    /// </summary>
    private async Task<string?> ForgeryAsync(ShardDone message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(message.ResultBlobName))
            return null; // Malformed, not forged: the existing handling fails it.
        string own;
        try
        {
            own = ArtifactNames.ShardBlobName(message.RunId, message.ShardId);
        }
        catch (ArgumentException)
        {
            return $"Shard '{message.ShardId}' of run '{message.RunId}' is not a valid shard; the report is ignored.";
        }
        if (!string.Equals(message.ResultBlobName, own, StringComparison.Ordinal))
            return $"Shard {message.ShardId} of run {message.RunId} reported blob '{message.ResultBlobName}', not its own '{own}'; the report is ignored.";
        await using var stored = await results.OpenResultAsync(own, cancellationToken);
        return stored is null ? $"Shard {message.ShardId} of run {message.RunId} reported before its result blob exists; the report is ignored." : null;
    }

    /// <summary>
    /// For every overdue run: marks its unreported shards missing and merges what there is. Runs before their
    /// deadline are not touched.
    /// </summary>
    public async Task<StageOutcome> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = new List<object>();
        var notes = new List<string>();
        foreach (var run in await runs.ListOverdueAsync(now, cancellationToken))
        {
            if (run.Status is not (RunStatus.Dispatched or RunStatus.Running or RunStatus.Collecting))
                continue;
            var sweep = await shards.MarkMissingAfterDeadlineAsync(run, now, cancellationToken);
            if (sweep.Run is null)
                continue;
            var outcome = await MergeIfCompleteAsync(sweep.Run, cancellationToken);
            next.AddRange(outcome.Next);
            notes.Add($"{run.RunId}: {sweep.MissingShardIds.Count} shards missing; {outcome.Note}");
        }
        return new StageOutcome(next, notes.Count == 0 ? "No overdue run." : string.Join(" ", notes));
    }

    /// <summary>Merges the run when all its shards are accounted for; otherwise says what it waits for.</summary>
    public async Task<StageOutcome> MergeIfCompleteAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!run.AllShardsAccountedFor)
            return StageOutcome.Done($"Run {run.RunId}: {run.ShardsReported} of {run.ShardCount} shards reported; waiting.");
        if (run.Status is RunStatus.Queued or RunStatus.AwaitingApproval or RunStatus.Validating)
            return StageOutcome.Done($"Run {run.RunId}: every shard is accounted for while the run is {run.Status}; dispatch merges it when it finishes.");
        if (run.Status is not (RunStatus.Dispatched or RunStatus.Running or RunStatus.Collecting))
            return StageOutcome.Done($"Run {run.RunId} is {run.Status}: already merged.");
        var now = _clock.GetUtcNow();
        var collecting = await runs.TransitionAsync(run.RunId, RunStatus.Collecting, "merging shard results", cancellationToken, r => r with { MergeStartedAt = now });
        if (collecting.Outcome is TransitionOutcome.Illegal or TransitionOutcome.NotFound)
            return StageOutcome.Done(collecting.Message);
        if (collecting.Outcome is TransitionOutcome.AlreadyThere && !await TakeOverMergeAsync(run.RunId, now, cancellationToken))
            return StageOutcome.Done($"Run {run.RunId} is being merged by another worker.");

        var accumulator = new ResultAccumulator(new MergeOptions { ExpectedShards = run.ShardCount });
        var problems = new List<string>();
        var listed = await shards.ListAsync(run.RunId, cancellationToken);
        static bool Reported(ShardRecord shard) => shard.Status == ShardStatus.Done && shard.ResultBlobName is not null;
        // Streamed and read on every core: a damaged blob is one problem, not a poison message.
        var merged = await accumulator.AddAllAsync(
            [.. listed.Where(Reported).Select(s => new MergeInput(s.ResultBlobName!, ct => results.OpenResultAsync(s.ResultBlobName!, ct)))],
            cancellationToken);
        var next = 0;
        foreach (var shard in listed)
        {
            if (!Reported(shard))
                problems.Add($"{shard.ShardId}: {shard.Status.ToString().ToLowerInvariant()}{(shard.StatusReason is null ? "" : $" ({shard.StatusReason})")}");
            else if (merged[next++] is { } problem)
                problems.Add(problem.ToString());
        }

        if (accumulator.InputCount == 0)
        {
            var reason = "No shard produced a result: " + string.Join(" | ", problems);
            var note = failedRuns is null
                ? (await runs.TransitionAsync(run.RunId, RunStatus.Failed, reason, cancellationToken)).Message
                : await failedRuns.FailAsync(run.RunId, reason, cancellationToken);
            return StageOutcome.Done($"Run {run.RunId}: {reason} ({note})");
        }

        var blob = await results.PutMergedResultAsync(accumulator.Build(), cancellationToken);
        var reasonText = problems.Count == 0 ? "merged" : "merged without: " + string.Join(" | ", problems);
        var evaluating = await runs.TransitionAsync(run.RunId, RunStatus.Evaluating, reasonText, cancellationToken, r => r with { ResultBlobName = blob });
        return evaluating.Outcome is TransitionOutcome.Moved or TransitionOutcome.AlreadyThere
            ? StageOutcome.Then(new EvaluateRun(run.RunId), $"Run {run.RunId}: {accumulator.InputCount} of {run.ShardCount} shards merged into {blob}.")
            : StageOutcome.Done(evaluating.Message);
    }

    /// <summary>
    /// The run is collecting already: this worker merges only when the merge lease has run out (the worker that began
    /// it died), and only if its own write of the new lease is the one stored.
    /// </summary>
    private async Task<bool> TakeOverMergeAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await runs.UpdateAsync(runId, r => r.Status == RunStatus.Collecting && !(r.MergeStartedAt + MergeLease > now)
            ? r with { MergeStartedAt = now }
            : r, cancellationToken);
        return stored is { Status: RunStatus.Collecting } && stored.MergeStartedAt == now;
    }
}
