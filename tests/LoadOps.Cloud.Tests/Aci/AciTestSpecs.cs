using LoadOps.Core.Definitions;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;

namespace LoadOps.Cloud.Tests.Aci;

/// <summary>Shard specs of a small planned run, for launcher tests.</summary>
internal static class AciTestSpecs
{
    /// <summary>A work item for <paramref name="spec"/> with made-up grants (SAS URLs that reach nothing).</summary>
    public static PoolWorkItem Work(ShardSpec spec) => new(
        spec,
        new Uri("https://acct.blob.core.windows.net/results/" + spec.ShardId + ".json?sv=2024-08-04&sp=cw&sig=upload-signature"),
        spec.ShardId + ".json",
        new Uri("https://acct.queue.core.windows.net/collect?sv=2024-08-04&sp=a&sig=collect-signature"),
        spec.Deadline ?? DateTimeOffset.UnixEpoch.AddYears(60));

    public static IReadOnlyList<ShardSpec> Plan(params RunnerSpec[] runners) => RunPlanner.Plan(new LoadTestDefinition
    {
        Name = "checkout",
        Target = new TargetSpec { BaseUrl = "http://127.0.0.1:5080" },
        Load = new LoadSpec { Model = LoadModel.Open, Stages = [new StageSpec(TimeSpan.FromMinutes(1), 10)] },
        Scenarios = [new ScenarioSpec("browse", 1, [new StepSpec { Name = "list", Method = "GET", Path = "/" }])],
        Runners = runners,
    }, "hash", new RunIdentity("checkout-0123456789ab"), new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero)).Shards;
}
