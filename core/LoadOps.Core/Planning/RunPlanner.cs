using LoadOps.Core.Data;
using LoadOps.Core.Definitions;

namespace LoadOps.Core.Planning;

/// <summary>
/// Splits a validated definition into one shard per runner. Every shard gets the same definition and start time;
/// each runner takes 1/ShardCount of the load, so the load adds up across locations at every instant.
/// </summary>
public static class RunPlanner
{
    public static RunPlan Plan(
        LoadTestDefinition definition,
        string definitionHash,
        RunIdentity identity,
        DateTimeOffset now,
        PlanOptions? options = null,
        IReadOnlyList<DataTable>? data = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(identity);
        options ??= new PlanOptions();
        if (definition.TotalRunnerCount <= 0)
            throw new ArgumentException("A definition with no runners cannot be planned; validate it first.", nameof(definition));

        var startAt = now + options.StartDelay;
        var deadline = startAt + definition.Load.TotalDuration + options.ReportGrace;
        var shardCount = definition.TotalRunnerCount;
        var shards = new List<ShardSpec>(shardCount);
        foreach (var runner in definition.Runners)
        {
            for (var i = 0; i < runner.Count; i++)
            {
                var index = shards.Count;
                shards.Add(new ShardSpec
                {
                    RunId = identity.RunId,
                    ShardId = ShardId(identity.RunId, index),
                    ShardIndex = index,
                    ShardCount = shardCount,
                    Location = runner.Location,
                    StartAt = startAt,
                    Deadline = deadline,
                    Definition = definition,
                    DefinitionHash = definitionHash,
                    Commit = identity.Commit,
                    Branch = identity.Branch,
                    Interval = options.Interval,
                    SnapshotUploadInterval = options.SnapshotUploadInterval,
                    Data = DataShare.For(definition.Data, data ?? [], index, shardCount),
                });
            }
        }
        return new RunPlan(identity.RunId, startAt, deadline, shards);
    }

    public static string ShardId(string runId, int index) => $"{runId}-s{index:000}";
}
