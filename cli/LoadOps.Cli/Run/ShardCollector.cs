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
                problems.Add($"{shard.Spec.ShardId}: no result (runner exit code {shard.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}; see {shard.LogPath})" +
                    await RunnerErrorsAsync(shard.LogPath, cancellationToken));
                continue;
            }
            var read = await ResultFileLoader.LoadAsync(shard.ResultPath, cancellationToken);
            var problem = read.Problem ?? accumulator.Add(read.Result!, shard.ResultPath);
            if (problem is not null)
                problems.Add(problem.ToString());
        }
        return new Collected(accumulator.InputCount == 0 ? null : accumulator.Build(), problems);
    }

    /// <summary>The runner's own "error:" lines (why it wrote no result: e.g. JMeter missing or failing), so the run says why without opening the log.</summary>
    private static async Task<string> RunnerErrorsAsync(string logPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(logPath))
            return "";
        var errors = (await File.ReadAllLinesAsync(logPath, cancellationToken))
            .Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).TakeLast(3).ToList();
        return errors.Count == 0 ? "" : ": " + string.Join("; ", errors.Select(l => l["error: ".Length..]));
    }
}
