using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.Runner.Execution;
using LoadOps.Runner.Recording;

namespace LoadOps.Runner.JMeter;

/// <summary>A JMeter shard's result file: the imported JTL (or nothing) under the run's identity, written and summarised like any shard's.</summary>
internal static class JMeterShardResult
{
    /// <summary>The imported JTL as this shard's result: the run's identity, location and hash instead of an import's.</summary>
    public static ResultFile AsShard(ShardSpec spec, ResultFile imported, ResultStatus status) => imported with
    {
        ShardId = spec.ShardId,
        DefinitionHash = spec.DefinitionHash,
        Commit = spec.Commit,
        Branch = spec.Branch,
        Location = spec.Location,
        Status = status,
        Steps = [.. imported.Steps.Select(s => s with { Location = spec.Location })],
        Shards = [new ShardInfo(spec.ShardId, spec.ShardIndex, spec.Location, status)],
    };

    public static ResultFile Empty(ShardSpec spec, DateTimeOffset now, ResultStatus status) => ShardResultFile.Header(spec, now, now, status);

    public static async Task<ShardRunResult> WriteAsync(ShardSpec spec, string outputDirectory, ResultFile result, RunnerConsole console)
    {
        var path = await ResultWriter.WriteAsync(outputDirectory, result, CancellationToken.None);
        var accumulator = new ResultAccumulator();
        if (result.Steps.Count > 0 && accumulator.Add(result, spec.ShardId) is null)
        {
            var merged = accumulator.Build();
            foreach (var line in ResultDigest.Lines(merged, ResultSummarizer.Summarize(merged)))
                console.Line("  " + line);
        }
        return new ShardRunResult { Result = result, ResultPath = path };
    }
}
