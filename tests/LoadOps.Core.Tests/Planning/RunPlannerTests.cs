using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;

namespace LoadOps.Core.Tests.Planning;

public sealed class RunPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static LoadTestDefinition Definition(params RunnerSpec[] runners) => new()
    {
        Name = "checkout",
        Target = new TargetSpec { BaseUrl = "http://127.0.0.1:5080" },
        Load = new LoadSpec
        {
            Model = LoadModel.Open,
            Stages = [new StageSpec(TimeSpan.FromSeconds(30), 50), new StageSpec(TimeSpan.FromMinutes(2), 200)],
        },
        Scenarios = [new ScenarioSpec("browse", 1, [new StepSpec { Name = "list", Method = "GET", Path = "/api/products" }])],
        Runners = runners,
    };

    [Fact]
    public void One_shard_per_runner_across_locations_with_global_indexes()
    {
        var plan = RunPlanner.Plan(Definition(new RunnerSpec("local", 2), new RunnerSpec("azure/westeurope", 3)),
            "hash", new RunIdentity("r1", "abc", "main"), Now);

        Assert.Equal(5, plan.Shards.Count);
        Assert.Equal([0, 1, 2, 3, 4], plan.Shards.Select(s => s.ShardIndex));
        Assert.All(plan.Shards, s => Assert.Equal(5, s.ShardCount));
        Assert.Equal(["local", "local", "azure/westeurope", "azure/westeurope", "azure/westeurope"], plan.Shards.Select(s => s.Location));
        Assert.Equal(5, plan.Shards.Select(s => s.ShardId).Distinct().Count());
        Assert.Equal(["local", "azure/westeurope"], plan.ByLocation.Select(g => g.Key));
    }

    [Fact]
    public void All_shards_share_one_start_and_a_deadline_after_the_load_ends()
    {
        var options = new PlanOptions { StartDelay = TimeSpan.FromSeconds(10), ReportGrace = TimeSpan.FromMinutes(1) };
        var plan = RunPlanner.Plan(Definition(new RunnerSpec("local", 3)), "hash", new RunIdentity("r1"), Now, options);

        Assert.All(plan.Shards, s => Assert.Equal(Now.AddSeconds(10), s.StartAt));
        Assert.Equal(Now.AddSeconds(10) + TimeSpan.FromSeconds(150) + TimeSpan.FromMinutes(1), plan.Deadline);
        Assert.All(plan.Shards, s => Assert.Equal(plan.Deadline, s.Deadline));
    }

    [Fact]
    public void Run_ids_sort_by_time_and_differ()
    {
        var a = RunIdentity.NewRunId(Now);
        var b = RunIdentity.NewRunId(Now);
        Assert.StartsWith("20261123T100000Z-", a);
        Assert.NotEqual(a, b);
        Assert.True(string.CompareOrdinal(a, RunIdentity.NewRunId(Now.AddSeconds(1))) < 0);
    }
}
