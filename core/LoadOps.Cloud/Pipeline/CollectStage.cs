using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Results;

namespace LoadOps.Cloud.Pipeline;

/// <summary>
/// Stage 4: records finished shards and, once every shard is done, missing or failed, merges the shard results exactly
/// into the run's result and asks for evaluation. Shard totals are recounted, never incremented, so a duplicate
/// <see cref="ShardDone"/> counts nothing twice; two workers that both see the last shard merge the same inputs into
/// the same blob, and the run's state machine lets the pipeline go on from there once.
/// </summary>
public sealed class CollectStage(RunStore runs, ShardStore shards, ResultStore results, FailedRuns? failedRuns = null)
{
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
            own = ResultStore.ShardBlobName(message.RunId, message.ShardId);
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
            return StageOutcome.Done($"Run {run.RunId}: {run.ShardsDone + run.ShardsMissing + run.ShardsFailed} of {run.ShardCount} shards accounted for; waiting.");
        if (run.Status is not (RunStatus.Dispatched or RunStatus.Running or RunStatus.Collecting))
            return StageOutcome.Done($"Run {run.RunId} is {run.Status}: already merged.");
        var collecting = await runs.TransitionAsync(run.RunId, RunStatus.Collecting, "merging shard results", cancellationToken);
        if (collecting.Outcome is TransitionOutcome.Illegal or TransitionOutcome.NotFound)
            return StageOutcome.Done(collecting.Message);

        var accumulator = new ResultAccumulator(new MergeOptions { ExpectedShards = run.ShardCount });
        var problems = new List<string>();
        foreach (var shard in await shards.ListAsync(run.RunId, cancellationToken))
        {
            if (shard.Status != ShardStatus.Done || shard.ResultBlobName is null)
            {
                problems.Add($"{shard.ShardId}: {shard.Status.ToString().ToLowerInvariant()}{(shard.StatusReason is null ? "" : $" ({shard.StatusReason})")}");
                continue;
            }
            // Streamed: the histograms are decoded from the blob's bytes, and a damaged blob is one problem, not a poison message.
            await using var stored = await results.OpenResultAsync(shard.ResultBlobName, cancellationToken);
            var problem = stored is null
                ? new MergeProblem(shard.ResultBlobName, "the result blob does not exist")
                : await accumulator.AddAsync(stored, shard.ResultBlobName, cancellationToken);
            if (problem is not null)
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
}
