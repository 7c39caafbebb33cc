namespace LoadOps.Core.Results;

/// <summary>Merges a stream of results, one at a time, into one run result (see <see cref="ResultAccumulator"/>).</summary>
public static class ResultMerger
{
    /// <summary>
    /// Merges <paramref name="results"/> as they arrive; each is named by its shard id (or its position) in problems.
    /// Returns the merged result, or the first problem.
    /// </summary>
    public static async Task<MergeOutcome> MergeAsync(IAsyncEnumerable<ResultFile> results, MergeOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var accumulator = new ResultAccumulator(options);
        var position = 0;
        await foreach (var result in results.WithCancellation(cancellationToken))
        {
            position++;
            if (accumulator.Add(result, result.ShardId ?? $"input #{position}") is { } problem)
                return MergeOutcome.Failed(problem);
        }
        return accumulator.InputCount == 0
            ? MergeOutcome.Failed(new MergeProblem("(no inputs)", "there was nothing to merge."))
            : MergeOutcome.Merged(accumulator.Build());
    }
}
