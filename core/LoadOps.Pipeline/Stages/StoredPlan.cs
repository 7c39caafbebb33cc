using LoadOps.Core.Planning;

namespace LoadOps.Pipeline;

/// <summary>A run's plan as kept in <c>results/runs/{runId}/plan.json</c>: the dispatch and evaluate stages read it back.</summary>
public sealed record StoredPlan(string RunId, DateTimeOffset StartAt, DateTimeOffset Deadline, IReadOnlyList<ShardSpec> Shards)
{
    public static StoredPlan From(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new StoredPlan(plan.RunId, plan.StartAt, plan.Deadline, plan.Shards);
    }
}
