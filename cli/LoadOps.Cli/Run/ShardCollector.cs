using LoadOps.Cli.Files;
using LoadOps.Core.Results;

namespace LoadOps.Cli.Run;

/// <summary>
/// Reads what the local runners wrote and merges it exactly. A shard with no readable result is missing: the run is
/// merged from the others and marked incomplete, never silently smaller.
/// </summary>
internal static class ShardCollector
{
    public sealed record Collected(ResultFile? Merged, IReadOnlyList<string> Problems);

    public static async Task<Collected> CollectAsync(IReadOnlyList<LocalShardProcess> shards, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var accumulator = new ResultAccumulator(new MergeOptions { ExpectedShards = shards.Count });
        foreach (var shard in shards)
        {
            if (!File.Exists(shard.ResultPath))
            {
                problems.Add($"{shard.Spec.ShardId}: no result (runner exit code {shard.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}; see {shard.LogPath})");
                continue;
            }
            var read = await ResultFileLoader.LoadAsync(shard.ResultPath, cancellationToken);
            var problem = read.Problem ?? accumulator.Add(read.Result!, shard.ResultPath);
            if (problem is not null)
                problems.Add(problem.ToString());
        }
        return new Collected(accumulator.InputCount == 0 ? null : accumulator.Build(), problems);
    }
}
